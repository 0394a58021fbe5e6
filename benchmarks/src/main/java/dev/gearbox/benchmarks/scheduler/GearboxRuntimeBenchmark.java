package dev.gearbox.benchmarks.scheduler;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * The six scheduler workloads on one Gearbox runtime, found by kind through {@link Runtimes} with 2
 * workers, and yield_many and ping_pong written as fibers ({@code fiberYieldMany}, {@code
 * fiberPingPong}, beside {@code VirtualThreadBenchmark}'s plain virtual threads); a subclass names
 * the kind ({@link WorkStealingBenchmark}, {@link MinimalBenchmark}, {@link MultithreadBenchmark},
 * {@link EmbeddedBenchmark}). The fork prints what carries its fibers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      ForkOptions.HEAP_MIN,
      ForkOptions.HEAP_MAX,
      ForkOptions.PRE_TOUCH,
      ForkOptions.FIBER_OPENS,
      ForkOptions.FIBER_EXPORTS
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class GearboxRuntimeBenchmark {
  private Runtime runtime;

  /** For subclasses. */
  protected GearboxRuntimeBenchmark() {}

  /**
   * The runtime kind under test.
   *
   * @return the kind, such as {@code workstealing}
   */
  protected abstract String kind();

  /**
   * The runtime's configuration beside its kind; by default 2 workers.
   *
   * @return configuration keys and values
   */
  protected Map<String, String> config() {
    return Map.of("gearbox.workers", "2");
  }

  /** Starts the runtime. */
  @Setup(Level.Trial)
  public void start() {
    Map<String, String> config = new HashMap<>(config());
    config.put(RuntimeConfig.RUNTIME_KEY, kind());
    runtime = Runtimes.create(RuntimeConfig.of(config));
    System.out.println("fibers carried by: " + Fiber.carrier());
  }

  /** Stops the runtime. */
  @TearDown(Level.Trial)
  public void stop() {
    runtime.shutdown(Duration.ofSeconds(10));
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

  /** fiber_yield_many: yield_many as fibers calling {@code Fiber.yieldNow()}. */
  @Benchmark
  public void fiberYieldMany() {
    GearboxWorkloads.fiberYieldMany(runtime);
  }

  /** fiber_ping_pong: ping_pong as fibers awaiting one-slot channels. */
  @Benchmark
  public void fiberPingPong() {
    GearboxWorkloads.fiberPingPong(runtime);
  }
}
