package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.spi.Network;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The network of a {@link SimulatedRuntime}: hosts with their own addresses, and links between them
 * with a latency, a loss rate and partitions that a test sets and heals. The sockets of {@code
 * dev.gearbox.io} ({@code TcpListener.bind}, {@code TcpStream.connect}, {@code UdpSocket.bind}) use
 * it when they are made on the simulated runtime's thread, in its tasks or {@code blockOn}.
 *
 * <pre>{@code
 * SimNetwork net = runtime.network();
 * SimHost server = net.host("server");                      // 10.0.0.2
 * net.setLatency(Duration.ofMillis(5));                      // every link, each way
 * server.spawn(serve(TcpListener.bind(new InetSocketAddress(80))));   // binds 10.0.0.2:80
 * net.partition(server, net.defaultHost());                  // messages held (TCP) or lost (UDP)
 * net.heal(server, net.defaultHost());                       // held TCP data now flows, in order
 * }</pre>
 *
 * <p>Semantics: TCP is reliable and ordered per direction: bytes sent across a partition wait and
 * are delivered after {@link #heal}, so a connect across a partition waits (bound it with {@code
 * Time.timeout}); send buffers are unbounded (a write completes at once). UDP datagrams across a
 * partition, or hit by the link's loss rate (drawn from the seeded generator), are dropped.
 * Delivery takes the link's latency in virtual time. Configuration methods may be called from any
 * thread; called outside the simulation's thread they take effect before the next task runs.
 * Sockets are used only on the simulation's thread.
 */
public final class SimNetwork implements Network {
  private static final Duration DEFAULT_LATENCY = Duration.ofMillis(1);

  private final SimScheduler scheduler;
  private final Map<InetAddress, SimHost> hosts = new LinkedHashMap<>(); // guarded by this
  private final SimHost defaultHost;

  // loop thread only
  private final Map<List<SimHost>, Link> links = new HashMap<>();
  private long defaultLatencyNanos = DEFAULT_LATENCY.toNanos();

  SimNetwork(SimScheduler scheduler) {
    this.scheduler = scheduler;
    this.defaultHost = host("main");
  }

  /** One direction between two hosts; loop thread only. */
  private static final class Link {
    long latencyNanos = -1; // -1: the network's default
    double loss;
    boolean partitioned;
    long lastDeliveryNanos;
    final List<Runnable> held = new ArrayList<>();
  }

  /**
   * The host that runs tasks not spawned on any host (blockOn futures and their children): {@code
   * main}, 10.0.0.1.
   *
   * @return the default host
   */
  public SimHost defaultHost() {
    return defaultHost;
  }

  /**
   * The host named {@code name}, created with the next free address (10.0.0.2, 10.0.0.3, ...) the
   * first time. Thread-safe.
   *
   * @param name the host's name
   * @return the host
   * @throws NullPointerException if {@code name} is null
   */
  public synchronized SimHost host(String name) {
    Objects.requireNonNull(name, "name");
    for (SimHost host : hosts.values()) {
      if (host.name().equals(name)) {
        return host;
      }
    }
    int index = hosts.size();
    byte[] bytes = {10, 0, (byte) (index / 254), (byte) (index % 254 + 1)};
    try {
      InetAddress address = InetAddress.getByAddress(name, bytes);
      SimHost host = new SimHost(this, name, address);
      hosts.put(InetAddress.getByAddress(bytes), host);
      return host;
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Sets the one-way latency of every link that has none of its own. The default is 1 ms.
   *
   * @param latency the latency, zero or more
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  public void setLatency(Duration latency) {
    long nanos = checkLatency(latency);
    scheduler.execute(() -> defaultLatencyNanos = nanos);
  }

  /**
   * Sets the one-way latency between {@code a} and {@code b}, both ways.
   *
   * @param a a host
   * @param b another host
   * @param latency the latency, zero or more
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  public void setLatency(SimHost a, SimHost b, Duration latency) {
    long nanos = checkLatency(latency);
    both(a, b, link -> link.latencyNanos = nanos);
  }

  /**
   * Sets the probability that a UDP datagram between {@code a} and {@code b} is lost, both ways.
   * TCP is reliable and not affected.
   *
   * @param a a host
   * @param b another host
   * @param probability from 0 (none lost, the default) to 1 (all lost)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1
   */
  public void setLoss(SimHost a, SimHost b, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "loss probability " + probability + " is not allowed: expected 0 to 1");
    }
    both(a, b, link -> link.loss = probability);
  }

  /**
   * Cuts the link between {@code a} and {@code b}, both ways: datagrams are dropped, TCP data and
   * connects wait until {@link #heal}.
   *
   * @param a a host
   * @param b another host
   */
  public void partition(SimHost a, SimHost b) {
    both(a, b, link -> link.partitioned = true);
  }

  /**
   * Restores the link between {@code a} and {@code b}: what TCP held is delivered, in order, after
   * the link's latency.
   *
   * @param a a host
   * @param b another host
   */
  public void heal(SimHost a, SimHost b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    scheduler.execute(
        () -> {
          healLink(a, b);
          healLink(b, a);
        });
  }

  /** Restores every link. */
  public void healAll() {
    scheduler.execute(
        () -> {
          for (List<SimHost> pair : List.copyOf(links.keySet())) {
            healLink(pair.get(0), pair.get(1));
          }
        });
  }

  private void healLink(SimHost from, SimHost to) {
    Link link = link(from, to);
    link.partitioned = false;
    List<Runnable> held = List.copyOf(link.held);
    link.held.clear();
    for (Runnable delivery : held) {
      schedule(from, to, link, delivery);
    }
  }

  private void both(SimHost a, SimHost b, java.util.function.Consumer<Link> change) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    scheduler.execute(
        () -> {
          change.accept(link(a, b));
          change.accept(link(b, a));
        });
  }

  private static long checkLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException(
          "latency " + latency + " is not allowed: expected zero or more");
    }
    return latency.toNanos();
  }

  private Link link(SimHost from, SimHost to) {
    return links.computeIfAbsent(List.of(from, to), pair -> new Link());
  }

  // ---- for the sockets (loop thread only)

  SimScheduler scheduler() {
    return scheduler;
  }

  <T> JoinHandle<T> spawnOn(SimHost host, String name, Future<T> future) {
    return scheduler.spawn(future, name, host);
  }

  /** The host the code being polled runs on. */
  SimHost currentHost() {
    SimTask<?> task = scheduler.current();
    return task != null ? task.host : defaultHost;
  }

  /** The host {@code address} reaches from {@code from}, or null if none has it. */
  SimHost resolve(InetAddress address, SimHost from) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return from;
    }
    synchronized (this) {
      return hosts.get(address);
    }
  }

  /** Sends a TCP segment: delivered in order after the latency, held while partitioned. */
  void transmit(SimHost from, SimHost to, Runnable delivery) {
    Link link = link(from, to);
    if (link.partitioned && from != to) {
      link.held.add(delivery);
    } else {
      schedule(from, to, link, delivery);
    }
  }

  /** Sends a datagram: dropped while partitioned or by the loss rate. */
  void sendDatagram(SimHost from, SimHost to, Runnable delivery) {
    Link link = link(from, to);
    if (from != to
        && (link.partitioned || (link.loss > 0 && scheduler.random().nextDouble() < link.loss))) {
      return;
    }
    schedule(from, to, link, delivery);
  }

  private void schedule(SimHost from, SimHost to, Link link, Runnable delivery) {
    long latency =
        from == to ? 0 : link.latencyNanos >= 0 ? link.latencyNanos : defaultLatencyNanos;
    long at = Math.max(scheduler.nowNanos() + latency, link.lastDeliveryNanos);
    link.lastDeliveryNanos = at;
    scheduler.at(at, delivery);
  }

  /** Fails unless called on the simulation's thread. */
  void checkThread(String operation) {
    if (!scheduler.onLoopThread()) {
      throw new IllegalStateException(
          operation
              + " on a simulated socket from thread '"
              + Thread.currentThread().getName()
              + "': simulated sockets are used only in tasks (or blockOn) of their simulated"
              + " runtime");
    }
  }

  // ---- Network

  @Override
  public Listener bindTcp(InetSocketAddress address) throws IOException {
    checkThread("bind");
    SimHost host = bindHost(address);
    int port = bindPort(host, address, host.listeners);
    SimListener listener = new SimListener(this, host, new InetSocketAddress(host.address(), port));
    host.listeners.put(port, listener);
    return listener;
  }

  @Override
  public Future<Connection> connectTcp(InetSocketAddress address) {
    return new SimConnect(this, address);
  }

  @Override
  public Datagram bindUdp(InetSocketAddress address) throws IOException {
    checkThread("bind");
    SimHost host = bindHost(address);
    int port = bindPort(host, address, host.datagrams);
    SimDatagram socket = new SimDatagram(this, host, new InetSocketAddress(host.address(), port));
    host.datagrams.put(port, socket);
    return socket;
  }

  private SimHost bindHost(InetSocketAddress address) throws BindException {
    SimHost host = currentHost();
    InetAddress wanted = address.getAddress();
    if (wanted == null
        || !(wanted.isAnyLocalAddress()
            || wanted.isLoopbackAddress()
            || wanted.equals(host.address()))) {
      throw new BindException(
          "bind "
              + address
              + ": cannot assign requested address (this task runs on simulated host "
              + host
              + ")");
    }
    return host;
  }

  private static int bindPort(SimHost host, InetSocketAddress address, Map<Integer, ?> bound)
      throws BindException {
    int port = address.getPort();
    if (port == 0) {
      return host.ephemeralPort();
    }
    if (bound.containsKey(port)) {
      throw new BindException(
          "bind " + host.address().getHostAddress() + ":" + port + ": address already in use");
    }
    return port;
  }
}
