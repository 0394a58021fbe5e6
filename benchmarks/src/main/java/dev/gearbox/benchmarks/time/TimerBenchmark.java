package dev.gearbox.benchmarks.time;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimerEntry;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Arming and firing a million timers, reported per timer: on the bare timer wheel (register 1M
 * entries with deadlines spread over a second, then advance a paused clock through them, 1 ms at a
 * time), and through a runtime (1000 tasks each awaiting 1000 sleeps of 1 to 100 ms on a paused
 * clock, so time jumps from timer to timer as soon as every task waits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH})
public class TimerBenchmark {
  /** Timers per invocation. */
  static final int TIMERS = 1_000_000;

  private static final int TASKS = 1_000;
  private static final long MS = 1_000_000L;

  /** The runtime kind under test for {@link #runtimeSleeps}. */
  @Param("minimal")
  public String runtime;

  /** Worker threads (W = 2 on these machines). */
  @Param("2")
  public int workers;

  private final TimerEntry[] entries = new TimerEntry[TIMERS];
  private final long[] offsets = new long[TIMERS];
  private long fired;
  private Runtime rt;

  /** Makes the entries and their deadlines (up to 1 s ahead), and the paused runtime. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    Waker count = () -> fired++;
    TimerDriver maker = TimerDriver.wheel(new PausedClock()); // entries go to any wheel
    for (int i = 0; i < TIMERS; i++) {
      entries[i] = maker.newEntry();
      entries[i].setWaker(count);
      offsets[i] = 1 + random.nextLong(1_000 * MS);
    }
    rt =
        Runtimes.create(
            RuntimeConfig.of(
                Map.of(
                    RuntimeConfig.RUNTIME_KEY,
                    runtime,
                    "gearbox.workers",
                    "" + workers,
                    "gearbox.time.paused",
                    "true")));
  }

  /** Shuts the runtime down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    rt.shutdown(Duration.ofSeconds(10));
  }

  /**
   * Registers a million entries on a fresh wheel, then fires them all by advancing 1 ms at a time.
   *
   * @return the number fired
   */
  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public long wheelArmAndFire() {
    PausedClock clock = new PausedClock();
    TimerDriver wheel = TimerDriver.wheel(clock);
    fired = 0;
    for (int i = 0; i < TIMERS; i++) {
      wheel.register(entries[i], offsets[i]);
    }
    for (long now = MS; now <= 1_001 * MS; now += MS) {
      wheel.advanceTo(now);
    }
    if (fired != TIMERS) {
      throw new AssertionError("fired " + fired + " of " + TIMERS);
    }
    return fired;
  }

  /**
   * A thousand tasks each sleep a thousand times (1 to 100 ms, seeded) on the paused runtime.
   *
   * @return the clock's reading at the end
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public long runtimeSleeps() throws Exception {
    List<JoinHandle<Void>> tasks = new ArrayList<>(TASKS);
    for (int t = 0; t < TASKS; t++) {
      SplittableRandom random = new SplittableRandom(t);
      Future<Void> sleeps =
          Futures.repeat(
              TIMERS / TASKS, i -> Time.sleep(Duration.ofMillis(1 + random.nextInt(100))));
      tasks.add(rt.spawn(sleeps));
    }
    for (JoinHandle<Void> task : tasks) {
      task.join(Duration.ofMinutes(5));
    }
    return rt.clock().nanoTime();
  }
}
