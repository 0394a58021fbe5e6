package dev.gearbox.shootout;

import dev.gearbox.shootout.workloads.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a plan cell by cell (workload by workload, each on every contestant), printing a line of
 * progress per cell.
 */
final class PlanRunner {
  /* Implementation notes: a cell runs on a daemon thread of its own, which opens a fresh
   * contestant, runs the warm-up and the timed runs and closes it, counting finished runs in
   * `finished`. The caller waits for the result in steps of one run deadline and gives up when a
   * step passes with no run finished, so a runtime that hangs costs its own cell (reported as
   * failed, its session closed from here to free what it can) and not the whole shoot-out; the
   * stuck thread, being a daemon, cannot keep the JVM alive. */

  /** The longest a single run may take before its cell is reported as failed. */
  static final Duration RUN_DEADLINE = Duration.ofMinutes(3);

  /** The same in quick mode, whose runs are smaller. */
  static final Duration QUICK_RUN_DEADLINE = Duration.ofMinutes(1);

  private final Plan plan;
  private final PrintStream out;
  private final Duration deadline;

  /** A runner with the run deadline of the plan's mode. */
  PlanRunner(Plan plan, PrintStream out) {
    this(plan, out, plan.options().quick() ? QUICK_RUN_DEADLINE : RUN_DEADLINE);
  }

  PlanRunner(Plan plan, PrintStream out, Duration deadline) {
    this.plan = plan;
    this.out = out;
    this.deadline = deadline;
  }

  List<Measurement> run() {
    List<Measurement> measurements = new ArrayList<>();
    int cell = 0;
    for (Workload workload : plan.workloads()) {
      for (Contestant contestant : plan.contestants()) {
        cell++;
        out.printf(
            Locale.ROOT,
            "[%2d/%d] %-16s on %-13s ",
            cell,
            plan.cells(),
            workload.name(),
            contestant.name());
        out.flush();
        Measurement m = runCell(workload, contestant);
        measurements.add(m);
        out.println(summary(m));
      }
    }
    return measurements;
  }

  private static String summary(Measurement m) {
    return switch (m.outcome()) {
      case MEASURED ->
          String.format(
              Locale.ROOT,
              "median %9.2f ms  (%.1f ns per %s)",
              m.medianNanos() / 1e6,
              m.nanosPerUnit(),
              m.unit());
      case NOT_AVAILABLE -> "n/a (no version of this workload for it)";
      case FAILED -> "FAILED: " + m.failure();
    };
  }

  private Measurement runCell(Workload workload, Contestant contestant) {
    Options options = plan.options();
    AtomicReference<Contestant.Session> open = new AtomicReference<>();
    AtomicInteger finished = new AtomicInteger();
    CompletableFuture<Measurement> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(measure(workload, contestant, options, open, finished));
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            },
            "shootout-" + workload.name() + "-" + contestant.name());
    thread.setDaemon(true);
    thread.start();
    try {
      int seen = 0;
      while (true) {
        try {
          return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (finished.get() == seen) {
            throw e;
          }
          seen = finished.get();
        }
      }
    } catch (ExecutionException e) {
      return Measurement.without(
          workload, contestant, Measurement.Outcome.FAILED, describe(e.getCause()));
    } catch (TimeoutException e) {
      Contestant.Session session = open.get();
      if (session != null) {
        session.close();
      }
      return Measurement.without(
          workload,
          contestant,
          Measurement.Outcome.FAILED,
          "a run took longer than " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + workload.name() + " ran", e);
    }
  }

  private static Measurement measure(
      Workload workload,
      Contestant contestant,
      Options options,
      AtomicReference<Contestant.Session> open,
      AtomicInteger finished)
      throws Exception {
    try (Contestant.Session session = contestant.open()) {
      open.set(session);
      long warmupEnd = System.nanoTime() + options.warmupTime().toNanos();
      for (int i = 0; i < options.warmup() || System.nanoTime() - warmupEnd < 0; i++) {
        if (!session.run(workload)) {
          return Measurement.without(workload, contestant, Measurement.Outcome.NOT_AVAILABLE, "");
        }
        finished.incrementAndGet();
      }
      long[] samples = new long[options.runs()];
      for (int i = 0; i < samples.length; i++) {
        long start = System.nanoTime();
        boolean ran = session.run(workload);
        samples[i] = System.nanoTime() - start;
        finished.incrementAndGet();
        if (!ran) {
          return Measurement.without(workload, contestant, Measurement.Outcome.NOT_AVAILABLE, "");
        }
      }
      return Measurement.measured(workload, contestant, samples);
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
