package dev.gearbox.workstealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which workers are parked and how many search for work: decides whether a new task wakes a worker,
 * so that at most half the workers search at once and a notification wakes a parked worker only
 * when nobody is already searching.
 *
 * <p>Every runtime calls its idle set {@code Idle}; the protocols differ for reasons given in each
 * class (multithread's monitor replaces workers; minimal's runners come and go with each call) and
 * in docs/runtimes.md. This one is Tokio's.
 */
final class Idle {
  /*
   * Implementation notes: after Tokio's scheduler/multi_thread/idle.rs.
   *
   * `state` packs the number of unparked workers (high bits, from UNPARKED_SHIFT) and of searching
   * workers (low SEARCHING_MASK bits); any thread, changed only by atomic adds. `sleepers` (the
   * indices of parked workers, a stack) and `sleeperCount` are guarded by this object's monitor,
   * which also serialises the transitions to and from parked, so the unparked count never
   * disagrees with the stack for long.
   *
   * The rules:
   *  - A notifier reads `state`; it wakes a worker only when nobody searches and someone is
   *    parked (checked again under the lock). The woken worker counts as unparked and searching
   *    from that moment, so the next notifications do nothing until it finds work.
   *  - A worker becomes a searcher only while 2 * searching < workers.
   *  - A searcher that finds work stops searching; if it was the last searcher it wakes one more
   *    worker (the caller does that), since more work may be behind it.
   *  - A worker that parks while searching and was the last searcher re-checks every queue (the
   *    caller does that): a task pushed after its last look saw a searcher and woke nobody.
   * The notifier's push then volatile read of `state`, and the parker's atomic add on `state`
   * then volatile reads of the queues, form a Dekker pair: one of them sees the other.
   */
  static final int UNPARKED_SHIFT = 16;
  static final int SEARCHING_MASK = (1 << UNPARKED_SHIFT) - 1;
  static final int ONE_UNPARKED = 1 << UNPARKED_SHIFT;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Idle.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int workers;
  private final int[] sleepers;
  private int sleeperCount;

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  /** All {@code workers} start unparked and not searching. */
  Idle(int workers) {
    this.workers = workers;
    this.sleepers = new int[workers];
    this.state = workers << UNPARKED_SHIFT;
  }

  static int searching(int state) {
    return state & SEARCHING_MASK;
  }

  static int unparked(int state) {
    return state >>> UNPARKED_SHIFT;
  }

  private int lvState() {
    return (int) STATE.getVolatile(this);
  }

  /** The number of workers not parked. */
  int unparked() {
    return unparked(lvState());
  }

  /** The number of searching workers. */
  int searching() {
    return searching(lvState());
  }

  private boolean notifyShouldWakeUp() {
    int current = lvState();
    return searching(current) == 0 && unparked(current) < workers;
  }

  /**
   * Picks a parked worker to wake for new work, counting it as unparked and searching.
   *
   * @return its index, or -1 if no worker should be woken
   */
  int workerToNotify() {
    if (!notifyShouldWakeUp()) {
      return -1;
    }
    synchronized (this) {
      if (!notifyShouldWakeUp() || sleeperCount == 0) {
        return -1;
      }
      STATE.getAndAdd(this, ONE_UNPARKED + 1);
      return sleepers[--sleeperCount];
    }
  }

  /**
   * Records that worker {@code index} parks.
   *
   * @return true if it was the last searcher: it must re-check every queue
   */
  boolean transitionWorkerToParked(int index, boolean searching) {
    synchronized (this) {
      int previous = (int) STATE.getAndAdd(this, -ONE_UNPARKED - (searching ? 1 : 0));
      sleepers[sleeperCount++] = index;
      return searching && searching(previous) == 1;
    }
  }

  /**
   * Makes the calling worker a searcher if fewer than half the workers search.
   *
   * @return true if it is now searching
   */
  boolean transitionWorkerToSearching() {
    if (2 * searching(lvState()) >= workers) {
      return false;
    }
    STATE.getAndAdd(this, 1);
    return true;
  }

  /**
   * Records that a searcher found work.
   *
   * @return true if it was the last searcher: it must wake another worker
   */
  boolean transitionWorkerFromSearching() {
    int previous = (int) STATE.getAndAdd(this, -1);
    return searching(previous) == 1;
  }

  /**
   * Unparks worker {@code index} if it is still recorded as parked (it woke for another reason: a
   * timer, I/O, its own queue), counting it as unparked but not searching.
   *
   * @return true if it was parked
   */
  boolean unparkWorkerById(int index) {
    synchronized (this) {
      for (int i = 0; i < sleeperCount; i++) {
        if (sleepers[i] == index) {
          sleepers[i] = sleepers[--sleeperCount];
          STATE.getAndAdd(this, ONE_UNPARKED);
          return true;
        }
      }
      return false;
    }
  }

  /** Whether worker {@code index} is recorded as parked. */
  boolean isParked(int index) {
    synchronized (this) {
      for (int i = 0; i < sleeperCount; i++) {
        if (sleepers[i] == index) {
          return true;
        }
      }
      return false;
    }
  }
}
