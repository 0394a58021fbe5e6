package dev.gearbox.workstealing;

import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RuntimeLog;
import dev.gearbox.spi.jfr.SlowPolls;

/**
 * Polls tasks for one worker: gives each poll its cooperative budget, cancels instead of polling
 * once the runtime shuts down, times the poll for the slow-poll JFR event (with the coarse clock of
 * {@link SlowPolls}, no system clock read), and keeps the worker alive when a waker or drop throws
 * on the way out.
 */
final class TaskPoller {
  /*
   * Implementation notes: owned by one worker thread; every field is read and written by it only,
   * and none at every poll: the budget each poll starts with (CoopBudget.PER_POLL units, spent by
   * futures through Context.consumeBudget, which the scheduler routes to the polling worker) and
   * the poll count, and the task inside its poll (for task dumps), are kept in the worker's own
   * padded fields (see WorkerThread's notes on layout).
   */
  private final WorkerThread owner;
  private final OwnedTasks owned;

  TaskPoller(WorkerThread owner, WorkStealingScheduler scheduler) {
    this.owner = owner;
    this.owned = scheduler.owned;
  }

  /** Polls {@code task} once (or cancels it, when the runtime shuts down). */
  void poll(ScheduledTask<?> task) {
    owner.resetBudget();
    boolean polled;
    try {
      if (owned.isClosed()) {
        task.abortQueued(); // shutting down: a queued task is cancelled, not polled
        return;
      }
      owner.polling = task;
      polled = timedRun(task);
      owner.polling = null;
    } catch (Throwable failure) {
      // RawTask.run catches what the future throws; this is a waker or drop that threw on the way
      // out (a join waker of foreign code): report it and keep the worker alive.
      RuntimeLog.uncaught(RuntimeLog.WORKSTEALING, failure);
      polled = true;
    }
    if (polled) {
      owner.countPoll();
    }
    // A task's interrupt of this worker ends with its poll: the next task must not see it, and a
    // park would return at once. One read of the status when it is not set.
    Thread.interrupted();
  }

  /**
   * Polls {@code task} in place for a helping join by the task this worker is polling (the outer
   * poll), as {@link #poll} would, except that the budget is the outer poll's (not reset), the
   * outer task's interrupt status is kept for it, and the task stays where it is queued ({@code
   * RawTask.runInPlace}). Declined once shutting down.
   *
   * @return true if the task was polled
   */
  boolean pollInPlace(ScheduledTask<?> task) {
    if (owned.isClosed()) {
      return false;
    }
    ScheduledTask<?> outer = owner.polling;
    boolean outerInterrupted = Thread.interrupted();
    boolean polled;
    try {
      owner.polling = task;
      polled = timedRun(task, true);
    } catch (Throwable failure) {
      // as in poll: a waker or drop that threw on the way out
      RuntimeLog.uncaught(RuntimeLog.WORKSTEALING, failure);
      polled = true;
    } finally {
      owner.polling = outer;
    }
    if (polled) {
      owner.countPoll();
      owner.counters.increment(WorkerCounters.IN_PLACE_POLLS);
    }
    Thread.interrupted(); // the inner task's interrupt ends with its poll
    if (outerInterrupted) {
      owner.interrupt(); // the outer task's stays with it
    }
    return polled;
  }

  private boolean timedRun(ScheduledTask<?> task) {
    return timedRun(task, false);
  }

  private boolean timedRun(ScheduledTask<?> task, boolean inPlace) {
    long start = SlowPolls.pollStarted();
    boolean polled = inPlace ? task.runInPlace() : task.run();
    if (SlowPolls.pollEnded(start, WorkStealingRuntimeProvider.KIND, task, task.futureClass)) {
      owner.counters.increment(WorkerCounters.SLOW_POLLS);
    }
    return polled;
  }
}
