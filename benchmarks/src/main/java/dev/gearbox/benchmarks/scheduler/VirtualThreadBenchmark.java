package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.shootout.workloads.Workload;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * JDK baseline: the standard workloads on virtual threads, one per task, with the virtual-thread
 * scheduler's parallelism set to 2 (the shoot-out module's {@code runOnVirtualThreads} versions): a
 * yield is {@link Thread#yield()}, a channel an {@code ArrayBlockingQueue} of capacity 1, a join
 * {@code Future.get()}, a socket a blocking {@code SocketChannel}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Djdk.virtualThreadScheduler.parallelism=2",
      "-Djdk.virtualThreadScheduler.maxPoolSize=2",
      ForkOptions.HEAP_MIN,
      ForkOptions.HEAP_MAX,
      ForkOptions.PRE_TOUCH,
      ForkOptions.FIBER_OPENS,
      ForkOptions.FIBER_EXPORTS
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VirtualThreadBenchmark {
  private ExecutorService executor;

  /** Creates the executor. */
  @Setup(Level.Trial)
  public void start() {
    executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  /** Closes the executor. */
  @TearDown(Level.Trial)
  public void stop() {
    executor.close();
  }

  private void run(Workload workload) throws Exception {
    workload.runOnVirtualThreads(executor);
  }

  /**
   * spawn_many.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void spawnMany() throws Exception {
    run(Workloads.SPAWN_MANY);
  }

  /**
   * spawn_remote.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void spawnRemote() throws Exception {
    run(Workloads.SPAWN_REMOTE);
  }

  /**
   * yield_many.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void yieldMany() throws Exception {
    run(Workloads.YIELD_MANY);
  }

  /**
   * ping_pong.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void pingPong() throws Exception {
    run(Workloads.PING_PONG);
  }

  /**
   * chained_spawn.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void chainedSpawn() throws Exception {
    run(Workloads.CHAINED_SPAWN);
  }

  /**
   * skynet.
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void skynet() throws Exception {
    run(Workloads.SKYNET);
  }

  /**
   * tcp_echo (C = 64 connections, M = 10,000 messages: one invocation per iteration).
   *
   * @throws Exception if the run fails
   */
  @Benchmark
  public void tcpEcho() throws Exception {
    run(Workloads.TCP_ECHO);
  }
}
