package dev.gearbox.spi;

import dev.gearbox.future.Waker;
import java.util.concurrent.locks.LockSupport;

/**
 * A waker that unparks one thread, for runtimes that block a thread until a future can progress (as
 * in {@code blockOn}). Waking before the thread parks is remembered, so no wake is lost.
 */
public final class ParkingWaker implements Waker {
  private final Thread owner;
  private volatile boolean notified;

  /** Creates a waker that unparks the calling thread. */
  public ParkingWaker() {
    this.owner = Thread.currentThread();
  }

  @Override
  public void wake() {
    if (!notified) {
      notified = true;
      LockSupport.unpark(owner);
    }
  }

  /**
   * Consumes a pending wake, if there is one, without blocking.
   *
   * @return true if the waker was woken since the last consume
   */
  public boolean consume() {
    if (notified) {
      notified = false;
      return true;
    }
    return false;
  }

  /**
   * Parks the owner thread until woken or until {@code deadlineNanos} (on {@link System#nanoTime()}
   * time; {@link Long#MAX_VALUE} for none), then consumes the wake. Returns early on interrupt.
   *
   * @param deadlineNanos when to give up
   * @return true if woken, false on deadline or interrupt
   */
  public boolean park(long deadlineNanos) {
    while (!notified) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (deadlineNanos == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        LockSupport.parkNanos(this, remaining);
      }
    }
    notified = false;
    return true;
  }
}
