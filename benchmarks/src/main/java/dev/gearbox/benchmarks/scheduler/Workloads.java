package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.shootout.workloads.ChainedSpawn;
import dev.gearbox.shootout.workloads.FiberPingPong;
import dev.gearbox.shootout.workloads.FiberYieldMany;
import dev.gearbox.shootout.workloads.PingPong;
import dev.gearbox.shootout.workloads.Skynet;
import dev.gearbox.shootout.workloads.SpawnMany;
import dev.gearbox.shootout.workloads.SpawnRemote;
import dev.gearbox.shootout.workloads.StandardWorkloads;
import dev.gearbox.shootout.workloads.TcpEcho;
import dev.gearbox.shootout.workloads.Workload;
import dev.gearbox.shootout.workloads.YieldMany;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * The standard workloads at their defined sizes (docs/workloads.md), as the shoot-out module writes
 * them: the JMH benchmarks and the shoot-out run the same code.
 */
final class Workloads {
  static final Workload SPAWN_MANY = new SpawnMany(StandardWorkloads.SPAWN_MANY);
  static final Workload SPAWN_REMOTE = new SpawnRemote(StandardWorkloads.SPAWN_REMOTE);
  static final Workload YIELD_MANY =
      new YieldMany(StandardWorkloads.YIELD_TASKS, StandardWorkloads.YIELDS);
  static final Workload PING_PONG =
      new PingPong(StandardWorkloads.PING_PONG_PAIRS, StandardWorkloads.ROUND_TRIPS);
  static final Workload CHAINED_SPAWN =
      new ChainedSpawn(StandardWorkloads.CHAIN_DEPTH, StandardWorkloads.CHAINS);
  static final Workload SKYNET = new Skynet(StandardWorkloads.SKYNET_DEPTH);
  static final Workload TCP_ECHO =
      new TcpEcho(StandardWorkloads.TCP_CONNECTIONS, StandardWorkloads.TCP_MESSAGES);
  static final Workload FIBER_YIELD_MANY =
      new FiberYieldMany(StandardWorkloads.YIELD_TASKS, StandardWorkloads.YIELDS);
  static final Workload FIBER_PING_PONG =
      new FiberPingPong(StandardWorkloads.PING_PONG_PAIRS, StandardWorkloads.ROUND_TRIPS);

  private Workloads() {}

  /** Runs a Gearbox version, rethrowing a checked failure unchecked (JMH reports either). */
  static void run(Workload workload, Runtime runtime) {
    unchecked(
        workload,
        () -> {
          workload.run(runtime);
          return null;
        });
  }

  /** Runs the ForkJoinPool version, rethrowing a checked failure unchecked. */
  static void runOnForkJoin(Workload workload, ForkJoinPool pool) {
    unchecked(workload, () -> workload.runOnForkJoin(pool));
  }

  private static void unchecked(Workload workload, Callable<?> run) {
    try {
      run.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(workload.name() + " failed", e);
    }
  }
}
