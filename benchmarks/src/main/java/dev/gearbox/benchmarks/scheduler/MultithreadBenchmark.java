package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.multithread.MultithreadRuntimeProvider;
import dev.gearbox.runtime.Runtime;
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
 * The scheduler workloads on the {@code multithread} runtime (async-std's style) with 2 workers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MultithreadBenchmark {
  private Runtime runtime;

  /** Starts the runtime. */
  @Setup(Level.Trial)
  public void start() {
    runtime = MultithreadRuntimeProvider.builder().workers(2).build();
  }

  /** Stops the runtime. */
  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  /** spawn_many. */
  @Benchmark
  public void spawnMany() {
    GearboxWorkloads.spawnMany(runtime);
  }

  /** spawn_remote. */
  @Benchmark
  public void spawnRemote() {
    GearboxWorkloads.spawnRemote(runtime);
  }

  /** yield_many. */
  @Benchmark
  public void yieldMany() {
    GearboxWorkloads.yieldMany(runtime);
  }

  /** ping_pong. */
  @Benchmark
  public void pingPong() {
    GearboxWorkloads.pingPong(runtime);
  }

  /** chained_spawn. */
  @Benchmark
  public void chainedSpawn() {
    GearboxWorkloads.chainedSpawn(runtime);
  }

  /** skynet. */
  @Benchmark
  public void skynet() {
    GearboxWorkloads.skynet(runtime);
  }
}
