package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.io.driver.Network;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.time.Clock;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The network of a {@link SimulatedRuntime}: hosts with their own addresses, and links between them
 * with a latency, a jitter, a loss rate, a reordering rate, a duplication rate and partitions that
 * a test sets and heals. The sockets of {@code dev.gearbox.io} ({@code TcpListener.bind}, {@code
 * TcpStream.connect}, {@code UdpSocket.bind}) use it when they are made on the simulated runtime's
 * thread, in its tasks or {@code blockOn}.
 *
 * <pre>{@code
 * SimNetwork net = runtime.network();
 * SimHost server = net.host("server");                      // 10.0.0.2
 * net.setLatency(Duration.ofMillis(5));                      // every link, each way
 * net.setJitter(server, net.defaultHost(), Duration.ofMillis(3));   // this pair: 5 to 8 ms
 * net.setReorder(0.1);                                       // 10% of datagrams held back
 * server.spawn(serve(TcpListener.bind(new InetSocketAddress(80))));   // binds 10.0.0.2:80
 * net.partition(server, net.defaultHost());                  // messages held (TCP) or lost (UDP)
 * net.heal(server, net.defaultHost());                       // held TCP data now flows, in order
 * }</pre>
 *
 * <p>Settings: each one has a network-wide default ({@code setLatency(latency)}, ...) and can be
 * set for a pair of hosts, both ways ({@code setLatency(a, b, latency)}, ...); a pair's setting
 * overrides the default, whichever was set first. The defaults are 1 ms of latency and no jitter,
 * loss, reordering or duplication. Bad values are refused with an {@link IllegalArgumentException}
 * naming the value and what is allowed.
 *
 * <p>Delivery: each message between two hosts takes the link's latency plus a jitter drawn
 * uniformly from zero to the link's jitter, in virtual time; a host's messages to itself take no
 * time and are never lost, reordered or duplicated. TCP is reliable and ordered per direction: a
 * segment is never delivered before one sent earlier on its link (jitter delays the ones behind
 * it), bytes sent across a partition wait and are delivered after {@link #heal}, so a connect
 * across a partition waits (bound it with {@code Time.timeout}); send buffers are unbounded (a
 * write completes at once). UDP datagrams are delivered in the order sent too, except that one
 * across a partition, or hit by the loss rate, is dropped; one hit by the reordering rate is held
 * back by a second draw of the link's delay, outside the link's order, so datagrams sent after it
 * within that time arrive first (with no latency and no jitter it arrives at the time the others
 * do, in the order sent); and one hit by the duplication rate is delivered twice, the copy in the
 * link's order with a delay of its own. Loss, reordering and duplication are drawn in that order
 * for each datagram.
 *
 * <p>Determinism: every draw comes from the simulation's generator, seeded with {@link
 * SimulatedRuntime#seed()}, on the simulation's thread (the generator that also picks the next
 * task), so the same seed and the same work give the same deliveries at the same virtual times,
 * under the condition {@link SimulatedRuntime} states for replay (the work starts on the
 * simulation's thread). A setting that is zero draws nothing.
 *
 * <p>Configuration methods may be called from any thread; called outside the simulation's thread
 * they take effect before the next task runs. Sockets are used only on the simulation's thread.
 */
// Network is internal (exported to the runtimes and the testkit only): tests use this class
// through its own methods.
@SuppressWarnings("exports")
public final class SimNetwork implements Network {
  private final SimScheduler scheduler;
  private final Map<InetAddress, SimHost> hosts = new LinkedHashMap<>(); // guarded by this
  private final SimHost defaultHost;

  // loop thread only
  private final Map<List<SimHost>, SimLink> links = new HashMap<>();
  private final SimLink defaults = SimLink.defaults();

  SimNetwork(SimScheduler scheduler) {
    this.scheduler = scheduler;
    this.defaultHost = host("main");
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
   * @throws IllegalArgumentException if {@code latency} is negative or too long for a {@code long}
   *     of nanoseconds
   */
  public void setLatency(Duration latency) {
    long nanos = SimLink.checkDelay("latency", latency);
    scheduler.execute(() -> defaults.latencyNanos = nanos);
  }

  /**
   * Sets the one-way latency between {@code a} and {@code b}, both ways.
   *
   * @param a a host
   * @param b another host
   * @param latency the latency, zero or more
   * @throws IllegalArgumentException if {@code latency} is negative or too long for a {@code long}
   *     of nanoseconds
   */
  public void setLatency(SimHost a, SimHost b, Duration latency) {
    long nanos = SimLink.checkDelay("latency", latency);
    both(a, b, link -> link.latencyNanos = nanos);
  }

  /**
   * Sets the jitter of every link that has none of its own: each message takes the latency plus a
   * uniform draw from zero to {@code jitter}, both inclusive. The default is zero.
   *
   * @param jitter the most added to the latency, zero or more
   * @throws IllegalArgumentException if {@code jitter} is negative or too long for a {@code long}
   *     of nanoseconds
   */
  public void setJitter(Duration jitter) {
    long nanos = SimLink.checkDelay("jitter", jitter);
    scheduler.execute(() -> defaults.jitterNanos = nanos);
  }

  /**
   * Sets the jitter between {@code a} and {@code b}, both ways; see {@link #setJitter(Duration)}.
   *
   * @param a a host
   * @param b another host
   * @param jitter the most added to the latency, zero or more
   * @throws IllegalArgumentException if {@code jitter} is negative or too long for a {@code long}
   *     of nanoseconds
   */
  public void setJitter(SimHost a, SimHost b, Duration jitter) {
    long nanos = SimLink.checkDelay("jitter", jitter);
    both(a, b, link -> link.jitterNanos = nanos);
  }

  /**
   * Sets the probability that a UDP datagram is lost, on every link that has none of its own. TCP
   * is reliable and not affected.
   *
   * @param probability from 0 (none lost, the default) to 1 (all lost)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setLoss(double probability) {
    double checked = SimLink.checkProbability("loss", probability);
    scheduler.execute(() -> defaults.loss = checked);
  }

  /**
   * Sets the probability that a UDP datagram between {@code a} and {@code b} is lost, both ways.
   * TCP is reliable and not affected.
   *
   * @param a a host
   * @param b another host
   * @param probability from 0 (none lost, the default) to 1 (all lost)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setLoss(SimHost a, SimHost b, double probability) {
    double checked = SimLink.checkProbability("loss", probability);
    both(a, b, link -> link.loss = checked);
  }

  /**
   * Sets the probability that a UDP datagram is held back out of order (see the class description),
   * on every link that has none of its own. TCP stays ordered.
   *
   * @param probability from 0 (none, the default) to 1 (every datagram)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setReorder(double probability) {
    double checked = SimLink.checkProbability("reorder", probability);
    scheduler.execute(() -> defaults.reorder = checked);
  }

  /**
   * Sets the probability that a UDP datagram between {@code a} and {@code b} is held back out of
   * order, both ways. TCP stays ordered.
   *
   * @param a a host
   * @param b another host
   * @param probability from 0 (none, the default) to 1 (every datagram)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setReorder(SimHost a, SimHost b, double probability) {
    double checked = SimLink.checkProbability("reorder", probability);
    both(a, b, link -> link.reorder = checked);
  }

  /**
   * Sets the probability that a UDP datagram is delivered twice, on every link that has none of its
   * own. TCP is not affected.
   *
   * @param probability from 0 (none, the default) to 1 (every datagram)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setDuplicate(double probability) {
    double checked = SimLink.checkProbability("duplicate", probability);
    scheduler.execute(() -> defaults.duplicate = checked);
  }

  /**
   * Sets the probability that a UDP datagram between {@code a} and {@code b} is delivered twice,
   * both ways. TCP is not affected.
   *
   * @param a a host
   * @param b another host
   * @param probability from 0 (none, the default) to 1 (every datagram)
   * @throws IllegalArgumentException if {@code probability} is outside 0..1 (or NaN)
   */
  public void setDuplicate(SimHost a, SimHost b, double probability) {
    double checked = SimLink.checkProbability("duplicate", probability);
    both(a, b, link -> link.duplicate = checked);
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
    SimLink link = link(from, to);
    link.partitioned = false;
    List<Runnable> held = List.copyOf(link.held);
    link.held.clear();
    for (Runnable delivery : held) {
      scheduleInOrder(from, to, link, delivery);
    }
  }

  private void both(SimHost a, SimHost b, Consumer<SimLink> change) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    scheduler.execute(
        () -> {
          change.accept(link(a, b));
          change.accept(link(b, a));
        });
  }

  private SimLink link(SimHost from, SimHost to) {
    return links.computeIfAbsent(List.of(from, to), pair -> new SimLink());
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

  /** Sends a TCP segment: delivered in order after the link's delay, held while partitioned. */
  void transmit(SimHost from, SimHost to, Runnable delivery) {
    SimLink link = link(from, to);
    if (link.partitioned && from != to) {
      link.held.add(delivery);
    } else {
      scheduleInOrder(from, to, link, delivery);
    }
  }

  /**
   * Sends a datagram: dropped while partitioned or by the loss rate, else delivered in order or, by
   * the reordering rate, held back; by the duplication rate, a copy follows in order.
   */
  void sendDatagram(SimHost from, SimHost to, Runnable delivery) {
    SimLink link = link(from, to);
    if (from == to) {
      scheduleInOrder(from, to, link, delivery);
      return;
    }
    SplittableRandom random = scheduler.random();
    if (link.partitioned || link.drawLoss(defaults, random)) {
      return;
    }
    boolean reordered = link.drawReorder(defaults, random);
    boolean twice = link.drawDuplicate(defaults, random);
    if (reordered) {
      // held back by a second draw of the delay, outside the link's order
      long delay =
          Clock.deadlineAfter(link.drawDelay(defaults, random), link.drawDelay(defaults, random));
      scheduler.at(Clock.deadlineAfter(scheduler.nowNanos(), delay), delivery);
    } else {
      scheduleInOrder(from, to, link, delivery);
    }
    if (twice) {
      scheduleInOrder(from, to, link, delivery);
    }
  }

  /** Schedules a delivery after the link's delay, never before the link's previous one. */
  private void scheduleInOrder(SimHost from, SimHost to, SimLink link, Runnable delivery) {
    long delay = from == to ? 0 : link.drawDelay(defaults, scheduler.random());
    long at = Math.max(Clock.deadlineAfter(scheduler.nowNanos(), delay), link.lastDeliveryNanos);
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
