package dev.gearbox.spi.sched;

/**
 * The cooperative budget (Tokio's {@code coop}): the number of budget units one poll of a task
 * starts with. A future that could complete at once spends a unit through {@link
 * dev.gearbox.future.Context#consumeBudget()}; once the poll's units are spent, such futures return
 * Pending and wake their task, so a task looping over always-ready futures yields its worker.
 *
 * <p>Every runtime gives each poll this many units, and so do {@code blockOn}'s polls and a fiber's
 * awaits. Where the counter lives is each runtime's choice (a field of its worker, written at every
 * poll); the amount is the same everywhere, so a future yields after the same work on every
 * runtime.
 */
public final class CoopBudget {
  /** Budget units one poll starts with (Tokio's 128). */
  public static final int PER_POLL = 128;

  private CoopBudget() {}
}
