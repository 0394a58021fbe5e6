package dev.gearbox.shootout;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a plan cell by cell (workload by workload, each on every contestant), printing a line of
 * progress per cell.
 */
final class Runner {
  /* Implementation notes: a cell runs on a daemon thread of its own, which opens a fresh
   * contestant, runs the warm-up and the timed runs and closes it. The caller waits for it with a
   * deadline of RUN_DEADLINE per run, so a runtime that hangs costs its own cell (reported as
   * failed, its session closed from here to free what it can) and not the whole shoot-out; the
   * stuck thread, being a daemon, cannot keep the JVM alive. */

  /** The longest a single run may take before its cell is reported as failed. */
  static final Duration RUN_DEADLINE = Duration.ofMinutes(3);

  private final Plan plan;
  private final PrintStream out;

  Runner(Plan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  List<Measurement> run() {
    List<Measurement> measurements = new ArrayList<>();
    int cell = 0;
    for (Workload workload : plan.workloads()) {
      for (Contestant contestant : plan.contestants()) {
        cell++;
        out.printf(
            Locale.ROOT,
            "[%2d/%d] %-14s on %-13s ",
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
    CompletableFuture<Measurement> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(measure(workload, contestant, options, open));
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            },
            "shootout-" + workload.name() + "-" + contestant.name());
    thread.setDaemon(true);
    thread.start();
    long deadline = RUN_DEADLINE.toMillis() * (options.warmup() + options.runs() + 1);
    try {
      return result.get(deadline, TimeUnit.MILLISECONDS);
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
          "no result after " + Duration.ofMillis(deadline).toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + workload.name() + " ran", e);
    }
  }

  private static Measurement measure(
      Workload workload,
      Contestant contestant,
      Options options,
      AtomicReference<Contestant.Session> open)
      throws Exception {
    try (Contestant.Session session = contestant.open()) {
      open.set(session);
      for (int i = 0; i < options.warmup(); i++) {
        if (!session.run(workload)) {
          return Measurement.without(workload, contestant, Measurement.Outcome.NOT_AVAILABLE, "");
        }
      }
      long[] samples = new long[options.runs()];
      for (int i = 0; i < samples.length; i++) {
        long start = System.nanoTime();
        boolean ran = session.run(workload);
        samples[i] = System.nanoTime() - start;
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
