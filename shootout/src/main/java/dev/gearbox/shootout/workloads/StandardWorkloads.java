package dev.gearbox.shootout.workloads;

import java.util.List;

/**
 * The standard workloads of docs/workloads.md at their defined sizes ({@link #full()}), and the
 * same workloads made smaller for the shoot-out's quick mode ({@link #quick()}).
 */
public final class StandardWorkloads {
  /** spawn_many's N. */
  public static final int SPAWN_MANY = 100_000;

  /** spawn_remote's N. */
  public static final int SPAWN_REMOTE = 100_000;

  /** yield_many's T. */
  public static final int YIELD_TASKS = 200;

  /** yield_many's Y. */
  public static final int YIELDS = 1_000;

  /** ping_pong's P. */
  public static final int PING_PONG_PAIRS = 1_000;

  /** ping_pong's R. */
  public static final int ROUND_TRIPS = 100;

  /** chained_spawn's D. */
  public static final int CHAIN_DEPTH = 1_000;

  /** chained_spawn's C. */
  public static final int CHAINS = 100;

  /** skynet's depth. */
  public static final int SKYNET_DEPTH = 6;

  /** tcp_echo's C. */
  public static final int TCP_CONNECTIONS = 64;

  /** tcp_echo's M. */
  public static final int TCP_MESSAGES = 10_000;

  /** tcp_echo's M in quick mode. */
  public static final int QUICK_TCP_MESSAGES = 500;

  private StandardWorkloads() {}

  /**
   * The seven standard workloads at the sizes docs/workloads.md defines.
   *
   * @return spawn_many, spawn_remote, yield_many, ping_pong, chained_spawn, skynet, tcp_echo
   */
  public static List<Workload> full() {
    return List.of(
        new SpawnMany(SPAWN_MANY),
        new SpawnRemote(SPAWN_REMOTE),
        new YieldMany(YIELD_TASKS, YIELDS),
        new PingPong(PING_PONG_PAIRS, ROUND_TRIPS),
        new ChainedSpawn(CHAIN_DEPTH, CHAINS),
        new Skynet(SKYNET_DEPTH),
        new TcpEcho(TCP_CONNECTIONS, TCP_MESSAGES));
  }

  /**
   * The same seven workloads, smaller, for the quick mode: half the tasks, yields, pairs and
   * chains, a skynet of depth 5 (111,111 tasks), and 500 messages per tcp_echo connection (still 64
   * connections).
   *
   * @return the quick workloads, in the order of {@link #full()}
   */
  public static List<Workload> quick() {
    return List.of(
        new SpawnMany(SPAWN_MANY / 2),
        new SpawnRemote(SPAWN_REMOTE / 2),
        new YieldMany(YIELD_TASKS, YIELDS / 2),
        new PingPong(PING_PONG_PAIRS / 2, ROUND_TRIPS),
        new ChainedSpawn(CHAIN_DEPTH, CHAINS / 2),
        new Skynet(SKYNET_DEPTH - 1),
        new TcpEcho(TCP_CONNECTIONS, QUICK_TCP_MESSAGES));
  }
}
