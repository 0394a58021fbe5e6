package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes tasks that wait for an event, without a value (Tokio's {@code Notify}).
 *
 * <ul>
 *   <li>{@link #notifyOne()} wakes the oldest waiter; with nobody waiting it stores one permit, so
 *       the next {@link #notified()} completes at once (several calls store still one permit).
 *   <li>{@link #notifyWaiters()} wakes every waiter, including {@code notified()} futures made
 *       before the call and not yet polled, and stores no permit.
 * </ul>
 *
 * <pre>{@code
 * Notify ready = new Notify();
 * Future<Void> waiting = ready.notified(); // elsewhere: ready.notifyOne();
 * }</pre>
 *
 * <p>Fairness: FIFO, {@code notifyOne} wakes waiters in the order they started waiting.
 *
 * <p>Cancellation: a {@code notified()} future dropped after {@code notifyOne} chose it, before its
 * poll completed, passes the notification on: to the next waiter, or back as the stored permit. A
 * dropped waiter leaves the queue.
 *
 * <p>Cost: every operation takes the lock once; wakes happen after it is released. Waiting
 * allocates only the future. Thread-safe.
 */
public final class Notify {
  /*
   * Implementation notes (after tokio::sync::Notify).
   *
   * Under `lock`: `permit`, the queue, and each Notified's `phase`. `waitersCalls` counts
   * notifyWaiters calls (volatile, so that a Notified can snapshot it at creation without the lock);
   * a Notified completes if the count moved since it was made, so notifyWaiters reaches futures
   * created before it even when they had not yet been polled.
   */

  private final ReentrantLock lock = new ReentrantLock();
  private final WaitQueue<Notified> waiters = new WaitQueue<>();
  private boolean permit;
  private volatile int waitersCalls;

  /** Creates a notify with no stored permit. */
  public Notify() {}

  /**
   * A future that completes at the next notification meant for it: a stored permit (taken), a
   * {@link #notifyOne()} that picks it, or a {@link #notifyWaiters()} made after this call.
   *
   * @return the future, which allocates nothing more while it waits
   */
  public Future<Void> notified() {
    return new Notified(this, waitersCalls);
  }

  /** Wakes the oldest waiter, or stores the permit if nobody waits. Takes the lock once. */
  public void notifyOne() {
    Waker chosen;
    lock.lock();
    try {
      chosen = notifyOneLocked();
    } finally {
      lock.unlock();
    }
    if (chosen != null) {
      chosen.wake();
    }
  }

  /** Wakes every current waiter; stores no permit. Takes the lock once. */
  public void notifyWaiters() {
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      waitersCalls++;
      for (Notified waiter = waiters.pollFirst(); waiter != null; waiter = waiters.pollFirst()) {
        waiter.phase = Notified.NOTIFIED;
        wakers.add(waiter.takeWaker());
      }
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
  }

  /**
   * Marks the oldest waiter notified and returns its waker to wake after unlocking, or stores the
   * permit and returns null. Under the lock.
   */
  private Waker notifyOneLocked() {
    Notified first = waiters.pollFirst();
    if (first == null) {
      permit = true;
      return null;
    }
    first.phase = Notified.NOTIFIED_ONE;
    return first.takeWaker();
  }

  /** The future of {@link Notify#notified()}. */
  private static final class Notified extends WaitNode<Notified> implements Future<Void> {
    static final int IDLE = 0;
    static final int WAITING = 1;
    static final int NOTIFIED = 2;
    static final int NOTIFIED_ONE = 3;
    static final int DONE = 4;

    private final Notify notify;
    private final int callsAtCreation;
    private int phase = IDLE;

    Notified(Notify notify, int callsAtCreation) {
      this.notify = notify;
      this.callsAtCreation = callsAtCreation;
    }

    @Override
    public Poll<Void> poll(Context cx) {
      notify.lock.lock();
      try {
        switch (phase) {
          case IDLE -> {
            boolean ready = notify.permit || notify.waitersCalls != callsAtCreation;
            if (!ready) {
              notify.waiters.append(this);
              setWaker(cx.waker());
              phase = WAITING;
              cx.waitingIn("Notify.notified");
              return Poll.pending();
            }
            if (!cx.proceedOrYield()) {
              cx.waitingIn("Notify.notified");
              return Poll.pending();
            }
            if (notify.waitersCalls == callsAtCreation) {
              notify.permit = false;
            }
          }
          case WAITING -> {
            setWaker(cx.waker());
            cx.waitingIn("Notify.notified");
            return Poll.pending();
          }
          case NOTIFIED, NOTIFIED_ONE -> {
            if (!cx.proceedOrYield()) {
              cx.waitingIn("Notify.notified");
              return Poll.pending();
            }
          }
          default -> throw new IllegalStateException("notified future polled after it completed");
        }
        phase = DONE;
        return Poll.ready();
      } finally {
        notify.lock.unlock();
      }
    }

    @Override
    public void drop() {
      Waker passedTo = null;
      notify.lock.lock();
      try {
        if (phase == WAITING) {
          notify.waiters.remove(this);
        } else if (phase == NOTIFIED_ONE) {
          passedTo = notify.notifyOneLocked();
        }
        phase = DONE;
        waker = null;
      } finally {
        notify.lock.unlock();
      }
      if (passedTo != null) {
        passedTo.wake();
      }
    }
  }
}
