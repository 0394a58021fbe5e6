package dev.gearbox.workstealing;

import dev.gearbox.spi.RuntimeDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks one worker thread: in the runtime's driver (the selector, with the next timer deadline as
 * timeout) when no other worker holds it, else on the thread itself. Unparking reaches the worker
 * wherever it parked, and a notification that comes first is remembered.
 */
final class Parker {
  /*
   * Implementation notes: after Tokio's scheduler/multi_thread/park.rs.
   *
   * `state` (any thread, atomic): EMPTY, PARKED_DRIVER (the owner holds the driver and is inside
   * driver.tryPark), PARKED_THREAD (the owner is in LockSupport.park), NOTIFIED (an unpark is
   * pending). Only the owner moves EMPTY -> PARKED_* and back; unpark() swaps in NOTIFIED and then
   * wakes the owner the way its previous state says: driver.unpark() or LockSupport.unpark(thread).
   *
   * The owner announces PARKED_DRIVER only once it holds the driver's lock (tryPark's mayBlock, by
   * CAS from EMPTY, which fails if an unpark came: the park then returns at once), as Tokio does.
   * driver.unpark() wakes whichever thread drives, not a chosen one: announced before taking the
   * lock, an unpark could reach the worker that drove at that moment, be consumed by the end of its
   * turn, and the owner, taking the driver next, would block in the select with NOTIFIED pending
   * (a lost wake-up: work left queued, or a shutdown that never ends). If another worker
   * drives, the owner moves EMPTY -> PARKED_THREAD by CAS, which fails only if an unpark came.
   * An unpark that comes after the owner's turn ended, or that a later turn of another worker
   * receives, is a spurious wake-up there, which is harmless: a woken worker re-checks its state
   * and parks again.
   *
   * LockSupport's permit makes an unpark between the CAS to PARKED_THREAD and the park() call
   * return at once; the owner loops until it sees NOTIFIED, so spurious returns are absorbed here.
   * A return from the driver (a timer, I/O, a spurious wake) ends the park without NOTIFIED: the
   * worker then looks at its queues and decides.
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

  private final Thread owner;

  /** Announces a park in the driver, with the driver held; false if an unpark came first. */
  private final BooleanSupplier enterDriverPark = () -> casState(EMPTY, PARKED_DRIVER);

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  Parker(Thread owner) {
    this.owner = owner;
  }

  private boolean casState(int expected, int next) {
    return STATE.compareAndSet(this, expected, next);
  }

  /**
   * Parks the owner until unparked, or until the driver returns (timers fired, I/O, a wake-up).
   * Owner thread only.
   *
   * @param everyTaskWaits passed to the driver: lets a paused clock jump to the next timer
   */
  void park(RuntimeDriver driver, boolean everyTaskWaits) {
    // A task that interrupted its worker would make every park below return at once.
    Thread.interrupted();
    if (casState(NOTIFIED, EMPTY)) {
      return;
    }
    if (driver.tryPark(Long.MAX_VALUE, everyTaskWaits, enterDriverPark)) {
      STATE.getAndSet(this, EMPTY); // consumes a notification, or ends the park
      return;
    }
    if (!casState(EMPTY, PARKED_THREAD)) {
      STATE.setVolatile(this, EMPTY); // notified while trying the driver
      return;
    }
    while (!casState(NOTIFIED, EMPTY)) {
      LockSupport.park(this);
    }
  }

  /** Wakes the owner, or makes its next park return at once. Any thread. */
  void unpark(RuntimeDriver driver) {
    switch ((int) STATE.getAndSet(this, NOTIFIED)) {
      case PARKED_THREAD -> LockSupport.unpark(owner);
      case PARKED_DRIVER -> driver.unpark();
      default -> {
        // EMPTY or NOTIFIED: the owner sees NOTIFIED at its next park
      }
    }
  }

  /** Whether an unpark is pending. */
  boolean isNotified() {
    return (int) STATE.getVolatile(this) == NOTIFIED;
  }
}
