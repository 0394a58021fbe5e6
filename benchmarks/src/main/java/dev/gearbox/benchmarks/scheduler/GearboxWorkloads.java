package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.runtime.Runtime;

/**
 * The scheduler workloads on any Gearbox runtime, for the per-runtime benchmark classes ({@link
 * WorkStealingBenchmark}, {@link MinimalBenchmark} and their siblings). Each method runs the
 * shoot-out module's workload once at its defined size and checks its result.
 */
final class GearboxWorkloads {
  private GearboxWorkloads() {}

  static void spawnMany(Runtime runtime) {
    Workloads.run(Workloads.SPAWN_MANY, runtime);
  }

  static void spawnRemote(Runtime runtime) {
    Workloads.run(Workloads.SPAWN_REMOTE, runtime);
  }

  static void yieldMany(Runtime runtime) {
    Workloads.run(Workloads.YIELD_MANY, runtime);
  }

  static void pingPong(Runtime runtime) {
    Workloads.run(Workloads.PING_PONG, runtime);
  }

  static void chainedSpawn(Runtime runtime) {
    Workloads.run(Workloads.CHAINED_SPAWN, runtime);
  }

  static void skynet(Runtime runtime) {
    Workloads.run(Workloads.SKYNET, runtime);
  }

  static void fiberYieldMany(Runtime runtime) {
    Workloads.run(Workloads.FIBER_YIELD_MANY, runtime);
  }

  static void fiberPingPong(Runtime runtime) {
    Workloads.run(Workloads.FIBER_PING_PONG, runtime);
  }
}
