package dev.gearbox.benchmarks.scheduler;

/** The sizes of the standard scheduler workloads (shared/WORKLOADS.md). */
final class Workloads {
  static final int SPAWN_MANY = 100_000;
  static final int SPAWN_REMOTE = 100_000;
  static final int YIELD_TASKS = 200;
  static final int YIELDS = 1_000;
  static final int PING_PONG_PAIRS = 1_000;
  static final int ROUND_TRIPS = 100;
  static final int CHAIN_DEPTH = 1_000;
  static final int CHAINS = 100;
  static final int SKYNET_DEPTH = 6;
  static final long SKYNET_SUM = 499_999_500_000L;

  private Workloads() {}

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("workload check failed: " + what);
    }
  }
}
