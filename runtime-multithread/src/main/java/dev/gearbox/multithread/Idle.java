package dev.gearbox.multithread;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is asleep and who is looking for work: the wake-and-park protocol between the workers and the
 * threads that push to the run queues. A push wakes one sleeping worker only if nobody is searching
 * (looking at the global queue and stealing from the local ones); an idle runtime has every worker
 * parked.
 *
 * <p>The idle set of this runtime, under the name every runtime gives it. It differs from
 * workstealing's {@code Idle} (Tokio's protocol, where a woken worker counts as searching at once
 * and at most half the workers search) because of the monitor: a worker can be replaced while it is
 * stuck in a poll, so the set holds the parked worker objects rather than slot indices (a slot's
 * worker changes), and it wakes the monitor whenever a worker leaves it, since the monitor parks
 * while every worker does.
 */
final class Idle {
  /*
   * Implementation notes (after async-executor's Sleepers and Tokio's idle.rs):
   *
   * `sleepers` is a LIFO stack of parked workers (the most recent is the warmest), guarded by this
   * object's monitor; `sleeping` mirrors its size (volatile, written under the lock) so the push
   * path reads it without locking. `searching` counts workers that look at the queue before parking.
   *
   * No lost wake-up for the global queue, by two Dekker pairs on volatile/CAS accesses
   * (sequentially consistent):
   *   push:   queue CAS, then read `searching` and `sleeping`;
   *   worker: decrement `searching` (CAS), push itself and write `sleeping` (volatile), then
   *           re-check the global queue and the local queues.
   * A push to a worker's local queue is an ordered store, so its wake-up is a hint that can be
   * missed; the worker that pushed runs the task itself if nobody steals it (see WorkerThread).
   * Either the pusher sees the worker searching or asleep (and a searcher finds the task, a sleeper
   * is woken), or the worker's re-check sees the task. A woken worker is taken off the stack by its
   * waker, with `notified` set before the unpark, so one push wakes at most one worker and a worker
   * that re-checked and found work takes itself off (cancel) unless a waker got there first.
   *
   * The last searcher to find work wakes one more worker if the queue still holds some (Tokio's
   * rule), since pushes made while it spun woke nobody.
   *
   * The monitor sleeps while every worker does: it sets `monitorParked` and re-reads `sleeping`;
   * whoever takes a worker off the stack writes `sleeping` and then reads `monitorParked`.
   */
  /**
   * The parked side: a worker, seen only as what its waker calls. An interface so that the model
   * check (IdleLincheckTest) can stand in for a worker thread; WorkerThread is the only production
   * implementation.
   */
  interface Sleeper {
    /** Wakes this sleeper; called once by whoever took it off the stack. */
    void notifyWorker();
  }

  private final ArrayDeque<Sleeper> sleepers = new ArrayDeque<>();
  private final AtomicInteger searching = new AtomicInteger();
  private volatile int sleeping;
  private final Monitor monitor;

  Idle(Monitor monitor) {
    this.monitor = monitor;
  }

  /**
   * Wakes one sleeping worker, unless one is searching or none sleeps. Any thread, after a push.
   */
  void notifyOne() {
    if (searching.get() != 0 || sleeping == 0) {
      return;
    }
    Sleeper woken;
    synchronized (this) {
      woken = sleepers.pollFirst();
      if (woken == null) {
        return;
      }
      sleeping = sleepers.size();
    }
    woken.notifyWorker();
    monitor.wakeIfParked();
  }

  /** Wakes every sleeping worker; for shutdown. */
  void notifyAll0() {
    Sleeper[] woken;
    synchronized (this) {
      woken = sleepers.toArray(new Sleeper[0]);
      sleepers.clear();
      sleeping = 0;
    }
    for (Sleeper worker : woken) {
      worker.notifyWorker();
    }
  }

  /** A worker starts searching: it spins over the queues before it parks. */
  void startSearching() {
    searching.incrementAndGet();
  }

  /**
   * A searcher stops: found work, or gives up before parking.
   *
   * @return true if it was the last searcher
   */
  boolean stopSearching() {
    return searching.decrementAndGet() == 0;
  }

  /** Announces that {@code worker} is about to park; it must re-check the queue after this. */
  void sleep(Sleeper worker) {
    synchronized (this) {
      sleepers.addFirst(worker);
      sleeping = sleepers.size();
    }
  }

  /**
   * Takes {@code worker} off the stack, if nobody woke it yet: it found work after announcing its
   * sleep, or it retires.
   *
   * @return true if it was still on the stack; false if a waker took it off (a notification is on
   *     its way)
   */
  boolean cancel(Sleeper worker) {
    synchronized (this) {
      if (!sleepers.removeFirstOccurrence(worker)) {
        return false;
      }
      sleeping = sleepers.size();
    }
    monitor.wakeIfParked();
    return true;
  }

  /** Parked workers, for the monitor, the paused clock and metrics. */
  int sleeping() {
    return sleeping;
  }
}
