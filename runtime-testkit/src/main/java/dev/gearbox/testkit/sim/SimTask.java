package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.util.concurrent.CompletableFuture;

/**
 * A task of the simulated runtime: the shared {@link RawTask} state machine, plus what the
 * simulation reports about it (a number in spawn order, a name, where it was spawned, its host).
 *
 * @param <T> the output type
 */
final class SimTask<T> extends RawTask<T> {
  /** Numbered in spawn order from 1, per runtime: the same seed gives the same numbers. */
  final int number;

  final String name;
  final String spawnSite;
  final SimHost host;

  /** Whether this runs the future of a blockOn call, whose caller joins it. */
  final boolean blockOn;

  /** What the task runs, for the deadlock report (its {@code toString} or class). */
  private final String futureDescription;

  /** Completed once the scheduler heard the task finished (its FINISH event is in the trace). */
  final CompletableFuture<Void> released = new CompletableFuture<>();

  /** Polls so far; sim thread only. */
  long polls;

  /** Virtual time of the last poll, in nanoseconds; sim thread only. */
  long lastPolledNanos = -1;

  SimTask(
      Future<T> future,
      TaskScheduler scheduler,
      int number,
      String name,
      String spawnSite,
      SimHost host,
      boolean blockOn) {
    super(future, scheduler);
    this.blockOn = blockOn;
    this.number = number;
    this.name = name;
    this.spawnSite = spawnSite;
    this.host = host;
    this.futureDescription = describe(future);
  }

  @Override
  public String toString() {
    return "SimTask[#" + number + " '" + name + "', id " + id() + "]";
  }

  @Override
  protected String name() {
    return name;
  }

  /** One line for the deadlock report. */
  String report() {
    String polled =
        polls == 0
            ? "never polled"
            : (polls == 1 ? "1 poll" : polls + " polls")
                + ", last at "
                + SimClockFormat.format(lastPolledNanos);
    return String.format(
        "#%d '%s' on host %s, spawned at %s, waiting in %s, future %s (%s)",
        number,
        name,
        host.name(),
        spawnSite,
        leaf() == null ? "a future of its own" : leaf(),
        futureDescription,
        polled);
  }

  private static String describe(Future<?> future) {
    String text = future.toString();
    String identity = future.getClass().getName() + "@";
    if (!text.startsWith(identity)) {
      return text;
    }
    Class<?> type = future.getClass();
    String simple = type.getSimpleName();
    int lambda = simple.indexOf("$$Lambda");
    if (lambda >= 0) {
      return "a lambda of " + simple.substring(0, lambda);
    }
    return type.getName();
  }
}
