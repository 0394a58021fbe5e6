package dev.gearbox.spi;

import dev.gearbox.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A waker that unparks one thread, for runtimes that block a thread until a future can progress (as
 * in {@code blockOn}). Waking before the thread parks is remembered, so no wake is lost.
 */
public final class ParkingWaker implements Waker {
  /*
   * Implementation notes: `notified` is set by wake() with getAndSet, a full fence, never after a
   * plain read: a waker that published its state with a release-only store (as JCTools queues do)
   * and then read a stale `true` would otherwise skip the wake while the owner, having just cleared
   * the flag, reads the old state and parks (a lost wake-up). The owner clears it with getAndSet too.
   * A wake on a runtime's carrier thread may leave the unpark to that carrier
   * (CurrentRuntime.Carrier.deferUnpark): the flag is set at once, so later wakes skip the unpark
   * until the owner consumes it, and the carrier unparks within its bounded delay.
   */
  private static final VarHandle NOTIFIED;

  static {
    try {
      NOTIFIED =
          MethodHandles.lookup().findVarHandle(ParkingWaker.class, "notified", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Thread owner;

  @SuppressWarnings("unused") // accessed through NOTIFIED
  private volatile boolean notified;

  /** Creates a waker that unparks the calling thread. */
  public ParkingWaker() {
    this.owner = Thread.currentThread();
  }

  /** Marks the wake and unparks the owner, now or, on a carrier that defers it, a little later. */
  @Override
  public void wake() {
    if (!(boolean) NOTIFIED.getAndSet(this, true)
        && !(Thread.currentThread() instanceof CurrentRuntime.Carrier carrier
            && carrier.deferUnpark(owner))) {
      LockSupport.unpark(owner);
    }
  }

  /**
   * Consumes a pending wake, if there is one, without blocking.
   *
   * @return true if the waker was woken since the last consume
   */
  public boolean consume() {
    return (boolean) NOTIFIED.getAndSet(this, false);
  }

  /**
   * Parks the owner thread until woken or until {@code deadlineNanos} (on {@link System#nanoTime()}
   * time; {@link Long#MAX_VALUE} for none), then consumes the wake. Returns early on interrupt.
   *
   * @param deadlineNanos when to give up
   * @return true if woken, false on deadline or interrupt
   */
  public boolean park(long deadlineNanos) {
    while (!consume()) {
      if (Thread.currentThread().isInterrupted()) {
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
    return true;
  }
}
