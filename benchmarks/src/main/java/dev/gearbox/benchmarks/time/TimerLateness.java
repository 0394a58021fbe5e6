package dev.gearbox.benchmarks.time;

import dev.gearbox.benchmarks.RuntimeKindState;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.time.Sleep;
import dev.gearbox.time.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Timers under load: how late ten thousand tasks ({@link #TASKS}) wake when each sleeps {@link
 * #SLEEP} on the real clock and all of them are started together, so that their timers fall due
 * within a few milliseconds of each other. Lateness is the task's own reading of {@link
 * System#nanoTime()} when it runs again, minus its sleep's deadline: timer resolution, the wheel's
 * firing and the wake and scheduling of the task, together.
 *
 * <p>Contestants: each Gearbox runtime kind of {@link RuntimeKindState} (configured as the JMH
 * benchmarks are), sleeping with {@link Time#sleep(Duration)}; and {@code virtual}, a virtual
 * thread per task calling {@link Thread#sleep(Duration)}. Per contestant: warm-up rounds, then
 * measured rounds; each round yields the p50, p99 and maximum lateness over its tasks and the
 * spread of their deadlines (last minus first), and the table shows the median of each over the
 * measured rounds, in microseconds.
 *
 * <p>Run, after building the benchmarks jar:
 *
 * <pre>{@code
 * ./gearbox java -Djdk.virtualThreadScheduler.parallelism=2 \
 *     -Djdk.virtualThreadScheduler.maxPoolSize=2 \
 *     -cp benchmarks/target/benchmarks.jar dev.gearbox.benchmarks.time.TimerLateness [KIND...]
 * }</pre>
 *
 * <p>Without arguments every contestant runs, one after another in this JVM; names choose some
 * ({@code workstealing virtual}). The runtimes share code (the task's poll, the sleep, the map),
 * and the JIT shapes it for the types it meets first, so for a careful comparison run each
 * contestant in a JVM of its own, as the shoot-out does (decision record 0010). The table's first
 * line names the machine and the load average, which moves these figures more than anything else on
 * a shared machine. When the virtual-thread properties are not given, {@link #main} sets both to 2
 * before the first virtual thread starts, to match the two workers of the runtimes.
 */
public final class TimerLateness {
  /**
   * Sleeping tasks per round, unless {@code -DtimerLateness.tasks=N} says otherwise (fewer tasks
   * show the lateness that is not queueing).
   */
  public static final int TASKS = Integer.getInteger("timerLateness.tasks", 10_000);

  /** How long each task sleeps. */
  public static final Duration SLEEP = Duration.ofMillis(2);

  /**
   * Rounds run and thrown away before measuring, unless {@code -DtimerLateness.warmup=N} says
   * otherwise. A round takes tens of milliseconds; ten rounds leave the spawn, arm and wake paths
   * partly interpreted and the figures then mostly measure the JIT, so the default is a hundred.
   */
  public static final int WARMUP_ROUNDS = Integer.getInteger("timerLateness.warmup", 100);

  /**
   * Rounds measured per contestant, unless {@code -DtimerLateness.rounds=N} says otherwise (more
   * rounds give a profiler more samples).
   */
  public static final int ROUNDS = Integer.getInteger("timerLateness.rounds", 50);

  private static final String VIRTUAL = "virtual";
  private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
  private static final String MAX_POOL = "jdk.virtualThreadScheduler.maxPoolSize";
  private static final Duration JOIN_LIMIT = Duration.ofMinutes(1);

  private TimerLateness() {}

  /**
   * Runs the contestants named in {@code args} (all when none) and prints the table.
   *
   * @param args contestant names: runtime kinds and {@code virtual}
   * @throws Exception if a round fails or does not finish within a minute
   */
  public static void main(String[] args) throws Exception {
    // Read once, when the first virtual thread starts: set before anything else runs.
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, "2");
      System.setProperty(MAX_POOL, "2");
    }
    List<String> contestants = new ArrayList<>(RuntimeKindState.KINDS);
    contestants.add(VIRTUAL);
    if (args.length > 0) {
      contestants = List.of(args);
    }
    System.out.printf(
        "timer lateness: %d tasks each sleeping %d ms, %d warm-up and %d measured rounds;"
            + " %d CPUs, JDK %s, virtual-thread parallelism %s; load average %s%n",
        TASKS,
        SLEEP.toMillis(),
        WARMUP_ROUNDS,
        ROUNDS,
        java.lang.Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty(PARALLELISM),
        loadAverage());
    System.out.println("µs, median over rounds of each round's figure");
    System.out.printf("%-14s %9s %9s %9s %9s%n", "contestant", "p50", "p99", "max", "spread");
    for (String contestant : contestants) {
      Summary summary = measure(contestant);
      System.out.printf(
          "%-14s %9.0f %9.0f %9.0f %9.0f%n",
          contestant, summary.p50, summary.p99, summary.max, summary.spread);
    }
    System.out.println("load average at the end: " + loadAverage());
  }

  private static Summary measure(String contestant) throws Exception {
    if (contestant.equals(VIRTUAL)) {
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        return rounds(samples -> virtualRound(executor, samples));
      }
    }
    Runtime runtime = RuntimeKindState.create(contestant);
    try {
      return rounds(samples -> runtimeRound(runtime, samples));
    } finally {
      runtime.shutdown(Duration.ofSeconds(10));
    }
  }

  /** One round of a contestant: fills in each task's deadline and wake time. */
  private interface Round {
    void run(Samples samples) throws Exception;
  }

  private static Summary rounds(Round round) throws Exception {
    double[][] figures = new double[4][ROUNDS];
    for (int r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
      Samples samples = new Samples();
      round.run(samples);
      if (r >= WARMUP_ROUNDS) {
        double[] figure = samples.figures();
        for (int f = 0; f < figure.length; f++) {
          figures[f][r - WARMUP_ROUNDS] = figure[f];
        }
      }
    }
    return new Summary(
        median(figures[0]), median(figures[1]), median(figures[2]), median(figures[3]));
  }

  /** Spawns the sleepers on {@code runtime} and joins them; each records its own wake. */
  private static void runtimeRound(Runtime runtime, Samples samples)
      throws TimeoutException, InterruptedException {
    List<JoinHandle<Void>> tasks = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int task = i;
      Sleep sleep = Time.sleep(SLEEP);
      tasks.add(
          runtime.spawn(
              sleep.map(
                  ignored -> {
                    samples.record(task, sleep.deadlineNanos(), System.nanoTime());
                    return null;
                  })));
    }
    for (JoinHandle<Void> task : tasks) {
      task.join(JOIN_LIMIT); // publishes the task's record to this thread
    }
  }

  /** Starts the sleepers as virtual threads and waits for all of them. */
  private static void virtualRound(ExecutorService executor, Samples samples)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int task = i;
      executor.execute(
          () -> {
            long deadline = System.nanoTime() + SLEEP.toNanos();
            try {
              Thread.sleep(SLEEP);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return; // the latch is not counted down: the round fails by timing out
            }
            samples.record(task, deadline, System.nanoTime());
            done.countDown();
          });
    }
    if (!done.await(JOIN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("virtual-thread round did not finish within " + JOIN_LIMIT);
    }
  }

  /** Each task's deadline and wake time; each slot is written by its own task only. */
  private static final class Samples {
    private final long[] deadlines = new long[TASKS];
    private final long[] wakes = new long[TASKS];

    void record(int task, long deadline, long wake) {
      deadlines[task] = deadline;
      wakes[task] = wake;
    }

    /** p50, p99 and maximum lateness, and the deadlines' spread, in µs. */
    double[] figures() {
      long[] lateness = new long[TASKS];
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (int i = 0; i < TASKS; i++) {
        lateness[i] = wakes[i] - deadlines[i];
        first = Math.min(first, deadlines[i]);
        last = Math.max(last, deadlines[i]);
      }
      Arrays.sort(lateness);
      return new double[] {
        micros(percentile(lateness, 50)),
        micros(percentile(lateness, 99)),
        micros(lateness[TASKS - 1]),
        micros(last - first)
      };
    }
  }

  private record Summary(double p50, double p99, double max, double spread) {}

  /** The nearest-rank percentile of sorted {@code values}. */
  private static long percentile(long[] values, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * values.length);
    return values[Math.max(0, rank - 1)];
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }

  /** The first three fields of {@code /proc/loadavg}, or {@code n/a} where there is none. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "n/a";
    }
  }
}
