package dev.gearbox.spi.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks one owner thread until another thread unparks it: on the thread itself, or in the runtime's
 * driver (the selector, with the next timer deadline as timeout) when the owner can take it. An
 * unpark reaches the owner wherever it parked, and one that comes first is remembered, so no
 * wake-up is lost. Parking is uninterruptible: an interrupt is noted, cleared so that parking can
 * go on, and handed back by {@link #restoreInterrupt()} to an owner that wants it (a caller of
 * {@code blockOn}); a worker thread never asks for it back.
 *
 * <p>The workers of {@code runtime-workstealing} and the runners, fallback driver and local
 * executors of {@code runtime-minimal} park here; {@code runtime-multithread}'s workers never drive
 * (a thread of its own does) and park on their idle set's flag instead.
 */
public final class Parker {
  /*
   * Implementation notes: after Tokio's scheduler/multi_thread/park.rs.
   *
   * `state` (any thread, atomic): EMPTY, PARKED_DRIVER (the owner holds the driver and is inside
   * driver.tryPark), PARKED_THREAD (the owner is in LockSupport.park), NOTIFIED (an unpark is
   * pending). Only the owner moves EMPTY -> PARKED_* and back; unpark() swaps in NOTIFIED and then
   * wakes the owner the way its previous state says: driver.unpark() or LockSupport.unpark(owner).
   *
   * Publishers write their work (a queue entry, a flag) and then unpark(); the owner leaves a park
   * through a read-modify-write of `state` and then looks at the work. Two read-modify-writes of
   * one variable are totally ordered and the later one reads the earlier one's value, so either
   * the owner's CAS to PARKED_* fails on NOTIFIED (it does not park, and happens-after the work) or
   * the publisher's swap reads PARKED_* and wakes it. A plain read of `state` on either side would
   * reopen a store-load race; that is why there is no read-only fast path.
   *
   * The owner announces PARKED_DRIVER only once it holds the driver's lock (tryPark's mayBlock, by
   * CAS from EMPTY, which fails if an unpark came: the park then returns at once), as Tokio does.
   * driver.unpark() wakes whichever thread drives, not a chosen one: announced before taking the
   * lock, an unpark could reach the thread that drove at that moment, be consumed by the end of its
   * turn, and the owner, taking the driver next, would block in the select with NOTIFIED pending
   * (a lost wake-up). `driver` is written by the owner before that CAS and read by an unparker
   * after its swap saw PARKED_DRIVER, so the CAS publishes it. If another thread drives, the owner
   * moves EMPTY -> PARKED_THREAD by CAS, which fails only if an unpark came. An unpark that comes
   * after the owner's turn ended, or that a later turn of another thread receives, is a spurious
   * wake-up there, which is harmless: a woken thread re-checks its state and parks again.
   *
   * LockSupport's permit makes an unpark between the CAS to PARKED_THREAD and the park() call
   * return at once; the owner loops until it sees NOTIFIED, so spurious returns are absorbed here.
   * A return from the driver (a timer, I/O, a spurious wake) ends the park without NOTIFIED: the
   * owner then looks at its queues and decides.
   *
   * Fields: `owner` final; `state` any thread, atomic; `driver` written by the owner, read by an
   * unparker as said above; `interrupted` owner thread only.
   */
  static final int EMPTY = 0;
  static final int PARKED_THREAD = 1;
  static final int PARKED_DRIVER = 2;
  static final int NOTIFIED = 3;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * What the owner may park in: a runtime's timer and I/O driver ({@code RuntimeDriver}), which one
   * thread at a time drives.
   */
  public interface Driver {
    /**
     * Drives timers and I/O and blocks until one of them, or {@link #unpark()}, has work, or {@code
     * maxWaitNanos} passed; returns at once if another thread is driving.
     *
     * @param maxWaitNanos the longest real wait, or {@link Long#MAX_VALUE}
     * @param everyTaskWaits true when no task can run: a paused clock may jump to the next timer
     * @param mayBlock called once with the driver held; false makes the park return at once
     * @return false if another thread was driving ({@code mayBlock} was not called)
     */
    boolean tryPark(long maxWaitNanos, boolean everyTaskWaits, BooleanSupplier mayBlock);

    /** Wakes the thread blocked in {@link #tryPark}, or makes the next park return at once. */
    void unpark();
  }

  private final Thread owner;

  /** Announces a park in the driver, with the driver held; false if an unpark came first. */
  private final BooleanSupplier enterDriverPark = () -> casState(EMPTY, PARKED_DRIVER);

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  private Driver driver;
  private boolean interrupted;

  /**
   * Creates a parker, not notified.
   *
   * @param owner the only thread that will park on it
   */
  public Parker(Thread owner) {
    this.owner = owner;
  }

  /**
   * The thread that parks here.
   *
   * @return the owner
   */
  public Thread owner() {
    return owner;
  }

  private boolean casState(int expected, int next) {
    return STATE.compareAndSet(this, expected, next);
  }

  /**
   * Parks the owner until unparked, or until the driver returns (timers fired, I/O, a wake-up): in
   * {@code driver} if no other thread drives it, else on the thread. Owner thread only.
   *
   * @param driver the runtime's driver
   * @param everyTaskWaits passed to the driver: lets a paused clock jump to the next timer
   */
  public void park(Driver driver, boolean everyTaskWaits) {
    takeInterrupt(); // an interrupted thread's park and select return at once
    if (casState(NOTIFIED, EMPTY)) {
      return;
    }
    if (!parkInDriver(driver, Long.MAX_VALUE, everyTaskWaits)) {
      park();
    }
  }

  /**
   * Parks the owner in {@code driver} until an event, a timer, an unpark or {@code maxWaitNanos},
   * unless another thread drives it; a pending unpark is consumed and ends the park at once. Owner
   * thread only.
   *
   * @param driver the runtime's driver
   * @param maxWaitNanos the longest wait in the driver, or {@link Long#MAX_VALUE}
   * @param everyTaskWaits passed to the driver: lets a paused clock jump to the next timer
   * @return true if this thread drove (the caller looks for work again); false if another thread
   *     drives (the caller parks on the thread instead), in which case a pending unpark is kept
   */
  public boolean parkInDriver(Driver driver, long maxWaitNanos, boolean everyTaskWaits) {
    takeInterrupt();
    this.driver = driver;
    if (!driver.tryPark(maxWaitNanos, everyTaskWaits, enterDriverPark)) {
      return false;
    }
    STATE.getAndSet(this, EMPTY); // consumes a notification, or ends the park
    return true;
  }

  /** Parks the owner on its own thread until unparked. Owner thread only. */
  public void park() {
    if (casState(NOTIFIED, EMPTY)) {
      return;
    }
    if (!casState(EMPTY, PARKED_THREAD)) {
      STATE.setVolatile(this, EMPTY); // notified meanwhile
      return;
    }
    while (!casState(NOTIFIED, EMPTY)) {
      LockSupport.park(this);
      takeInterrupt();
    }
  }

  /** Wakes the owner, or makes its next park return at once. Any thread. */
  public void unpark() {
    switch ((int) STATE.getAndSet(this, NOTIFIED)) {
      case PARKED_THREAD -> LockSupport.unpark(owner);
      case PARKED_DRIVER -> driver.unpark();
      default -> {
        // EMPTY or NOTIFIED: the owner sees NOTIFIED at its next park
      }
    }
  }

  /**
   * Whether an unpark is pending.
   *
   * @return true if the next park returns at once
   */
  public boolean isNotified() {
    return (int) STATE.getVolatile(this) == NOTIFIED;
  }

  /**
   * Clears the owner's interrupt status, noting it for {@link #restoreInterrupt()}. Owner thread
   * only; one read of the status when it is not set.
   */
  public void takeInterrupt() {
    if (Thread.interrupted()) {
      interrupted = true;
    }
  }

  /** Re-asserts an interrupt that arrived while parked or was taken. Owner thread only. */
  public void restoreInterrupt() {
    if (interrupted) {
      interrupted = false;
      owner.interrupt();
    }
  }
}
