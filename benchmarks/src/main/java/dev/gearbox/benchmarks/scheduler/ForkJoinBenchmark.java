package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.shootout.workloads.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JDK baseline: the scheduler workloads on a {@link ForkJoinPool} of 2 threads in async (FIFO)
 * mode, with {@link CompletableFuture} continuations standing for tasks, yields and joins (the
 * shoot-out module's {@code runOnForkJoin} versions of the workloads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForkJoinBenchmark {
  private ForkJoinPool pool;

  /** Starts the pool. */
  @Setup(Level.Trial)
  public void start() {
    pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
  }

  /** Stops the pool. */
  @TearDown(Level.Trial)
  public void stop() {
    pool.shutdownNow();
  }

  private void run(Workload workload) {
    Workloads.runOnForkJoin(workload, pool);
  }

  /** spawn_many. */
  @Benchmark
  public void spawnMany() {
    run(Workloads.SPAWN_MANY);
  }

  /** spawn_remote. */
  @Benchmark
  public void spawnRemote() {
    run(Workloads.SPAWN_REMOTE);
  }

  /** yield_many. */
  @Benchmark
  public void yieldMany() {
    run(Workloads.YIELD_MANY);
  }

  /** ping_pong. */
  @Benchmark
  public void pingPong() {
    run(Workloads.PING_PONG);
  }

  /** chained_spawn. */
  @Benchmark
  public void chainedSpawn() {
    run(Workloads.CHAINED_SPAWN);
  }

  /** skynet. */
  @Benchmark
  public void skynet() {
    run(Workloads.SKYNET);
  }

  /** tcp_echo (C = 64 connections, M = 10,000 messages: one invocation per iteration). */
  @Benchmark
  public void tcpEcho() {
    run(Workloads.TCP_ECHO);
  }
}
