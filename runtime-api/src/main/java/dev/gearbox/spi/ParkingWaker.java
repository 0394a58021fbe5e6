package dev.gearbox.spi;

import dev.gearbox.future.Waker;
import dev.gearbox.runtime.CurrentRuntime;
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
   * until the owner consumes it, and the carrier unparks within its bounded delay. A carrier
   * cannot unpark while it is inside a poll, so the parked owner also looks at the flag on its
   * own, ever more rarely (1 ms, then doubling up to 64 ms): a wake behind a long poll is late by
   * at most one look, and a thread waiting for long wakes about 16 times a second.
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

  /** How long a parked owner first sleeps before it looks at the wake flag without an unpark. */
  public static final long FIRST_LOOK_NANOS = 1_000_000;

  /** The longest sleep between two such looks (reached after about 127 ms of waiting). */
  public static final long LAST_LOOK_NANOS = 64_000_000;

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
   * <p>The thread looks at the wake flag again after {@link #FIRST_LOOK_NANOS}, then after twice as
   * long each time, up to {@link #LAST_LOOK_NANOS}: a carrier that deferred the unpark
   * (CurrentRuntime.Carrier.deferUnpark) and then stays inside one long poll delays the wake by at
   * most that look, not by the length of the poll.
   *
   * @param deadlineNanos when to give up
   * @return true if woken, false on deadline or interrupt
   */
  public boolean park(long deadlineNanos) {
    long look = FIRST_LOOK_NANOS;
    while (!consume()) {
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
      long slice = look;
      if (deadlineNanos != Long.MAX_VALUE) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        slice = Math.min(slice, remaining);
      }
      LockSupport.parkNanos(this, slice);
      look = Math.min(2 * look, LAST_LOOK_NANOS);
    }
    return true;
  }
}
