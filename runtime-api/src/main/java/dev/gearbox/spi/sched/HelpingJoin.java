package dev.gearbox.spi.sched;

/**
 * The bounds of a helping join ({@code TaskScheduler.helpJoin}): a worker whose task joins a task
 * still queued polls that task in place, as the ForkJoinPool's join runs a task it finds unstarted.
 * Each poll in place spends one unit of the running poll's cooperative budget ({@link CoopBudget}),
 * so one poll does at most {@link CoopBudget#PER_POLL} of them; and since the task polled in place
 * may join another in turn, they nest at most {@link #MAX_DEPTH} deep on the worker's stack.
 *
 * <p>{@code runtime-workstealing} and {@code runtime-multithread} help; the single-threaded
 * runtimes do not (a join there waits for the one thread's next turn anyway).
 */
public final class HelpingJoin {
  /** Polls in place nested at most inside one another on a worker's stack. */
  public static final int MAX_DEPTH = 16;

  private HelpingJoin() {}
}
