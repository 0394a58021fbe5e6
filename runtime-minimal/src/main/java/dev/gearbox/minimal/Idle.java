package dev.gearbox.minimal;

import java.util.ArrayList;

/**
 * The runners of an {@link SharedExecutor} that found no work and are about to park or parked, and
 * the rule that a schedule wakes one of them only when none is already on its way.
 *
 * <p>The idle set of this runtime, under the name every runtime gives it. It keeps async-executor's
 * protocol rather than Tokio's (workstealing's {@code Idle}) because runners are not a fixed set of
 * workers: any thread that calls {@code run} or {@code blockOn} joins for the length of that call
 * and leaves at its end, so the set is a list of runners that grows and shrinks, and a rule such as
 * "at most half the workers search" has no fixed count to refer to.
 */
final class Idle {
  /*
   * Implementation notes: after async-executor's `Sleepers` and `Ticker` (smol-rs).
   *
   * A runner that finds no task registers here (insert), searches once more, and then parks for as
   * long as renew() says it is still waiting. `count` counts registered runners; `waiting` holds
   * those not yet notified, so `count - waiting.size()` runners have been notified and not yet
   * searched. notifyOne() pops a waiting runner and unparks it only if that number is zero: one
   * notified runner at a time is enough, because a runner that finds a task notifies the next one
   * before running it (a chain that spreads a burst of tasks over the sleepers), and a notified
   * runner that leaves without searching passes its notification on.
   *
   * `notified` caches "count == 0 || some runner is notified", so notifyOne() costs one volatile
   * read when nobody needs waking. It is written only under the monitor, after every change. A scheduler must issue a full fence between its queue
   * offer and notifyOne(); a registering runner writes `notified` (volatile) before it searches
   * again. So either the runner's second search sees the task, or the scheduler reads `notified`
   * after the runner cleared it and wakes a runner (Dekker's pattern).
   *
   * Fields: `count`, `waiting` and every Runner.waitingInIdle guarded by this object's
   * monitor; `notified` any thread.
   */
  private final ArrayList<Runner> waiting = new ArrayList<>();
  private int count;
  private volatile boolean notified = true;

  /** Registers a runner that found no task; it must search again before parking. */
  synchronized void insert(Runner runner) {
    count++;
    waiting.add(runner);
    runner.waitingInIdle = true;
    updateNotified();
  }

  /**
   * For a registered runner that searched again and found nothing: whether it was notified since it
   * registered, in which case it is waiting again and must search once more before parking.
   *
   * @return true to search again, false to park
   */
  synchronized boolean renew(Runner runner) {
    if (runner.waitingInIdle) {
      return false;
    }
    waiting.add(runner);
    runner.waitingInIdle = true;
    updateNotified();
    return true;
  }

  /**
   * Unregisters a runner that found a task or leaves.
   *
   * @return true if it had been notified and not yet searched (a leaving runner passes it on)
   */
  synchronized boolean remove(Runner runner) {
    count--;
    boolean wasNotified = !runner.waitingInIdle;
    if (!wasNotified) {
      waiting.remove(runner);
      runner.waitingInIdle = false;
    }
    updateNotified();
    return wasNotified;
  }

  /** Wakes one waiting runner, unless one is already notified or none is registered. */
  void notifyOne() {
    if (notified) {
      return;
    }
    Runner chosen = null;
    synchronized (this) {
      if (notified) {
        return;
      }
      // not notified means count > 0 and every registered runner is waiting
      chosen = waiting.removeLast();
      chosen.waitingInIdle = false;
      notified = true;
    }
    if (chosen != null) {
      chosen.unpark();
    }
  }

  /**
   * Whether exactly {@code runners} runners are registered and none of them is notified: every
   * runner of the executor found no task and parks.
   */
  synchronized boolean allWaiting(int runners) {
    return count == runners && waiting.size() == runners;
  }

  /** The number of registered runners, notified or not. */
  synchronized int count() {
    return count;
  }

  private void updateNotified() {
    notified = count == 0 || count > waiting.size();
  }
}
