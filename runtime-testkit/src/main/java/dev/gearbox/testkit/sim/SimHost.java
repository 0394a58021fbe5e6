package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.spi.TaskNames;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A machine of the {@link SimNetwork}, with its own address and ports. Code runs "on" a host when
 * its task was spawned with {@link #spawn} (or by a task on that host): the sockets it binds get
 * the host's address, its connections leave from it, and loopback (127.0.0.1) means the host
 * itself. Tasks spawned otherwise run on the network's {@link SimNetwork#defaultHost() default
 * host}.
 */
public final class SimHost {
  private static final int FIRST_EPHEMERAL_PORT = 49_152;

  private final SimNetwork network;
  private final String name;
  private final InetAddress address;

  // loop thread only
  final Map<Integer, SimListener> listeners = new HashMap<>();
  final Map<Integer, SimDatagram> datagrams = new HashMap<>();
  private int nextEphemeral = FIRST_EPHEMERAL_PORT;

  SimHost(SimNetwork network, String name, InetAddress address) {
    this.network = network;
    this.name = name;
    this.address = address;
  }

  /**
   * The host's name.
   *
   * @return the name given to {@link SimNetwork#host(String)}
   */
  public String name() {
    return name;
  }

  /**
   * The host's address, such as 10.0.0.2.
   *
   * @return the address
   */
  public InetAddress address() {
    return address;
  }

  /**
   * Spawns a task that runs on this host, as do the tasks it spawns.
   *
   * @param future the future to run
   * @param <T> the output type
   * @return the task's handle
   * @throws NullPointerException if {@code future} is null
   * @throws dev.gearbox.runtime.RuntimeClosedException after shutdown
   */
  public <T> JoinHandle<T> spawn(Future<T> future) {
    return spawn(null, future);
  }

  /**
   * Spawns a named task that runs on this host.
   *
   * @param taskName the task's name for traces and deadlock reports, or null; else as {@link
   *     dev.gearbox.runtime.Runtime#spawn(String, Future)} allows
   * @param future the future to run
   * @param <T> the output type
   * @return the task's handle
   * @throws NullPointerException if {@code future} is null
   * @throws dev.gearbox.runtime.RuntimeClosedException after shutdown
   */
  public <T> JoinHandle<T> spawn(String taskName, Future<T> future) {
    if (taskName != null) {
      TaskNames.check(taskName);
    }
    Objects.requireNonNull(future, "future");
    return network.spawnOn(this, taskName, future);
  }

  /** A free port of this host for an ephemeral bind or a connection's local end. */
  int ephemeralPort() {
    while (listeners.containsKey(nextEphemeral) || datagrams.containsKey(nextEphemeral)) {
      nextEphemeral = nextEphemeral == 65_535 ? FIRST_EPHEMERAL_PORT : nextEphemeral + 1;
    }
    int port = nextEphemeral;
    nextEphemeral = nextEphemeral == 65_535 ? FIRST_EPHEMERAL_PORT : nextEphemeral + 1;
    return port;
  }

  @Override
  public String toString() {
    return name + "/" + address.getHostAddress();
  }
}
