package dev.gearbox.minimal;

import dev.gearbox.spi.RuntimeDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A park permit for one owner thread that any thread may grant. {@link #unpark()} before {@link
 * #park()} is remembered, so no grant is lost. The owner may wait in its runtime's driver instead
 * ({@link #driveUnlessGranted}): a grant then wakes the driver. Parking is uninterruptible: an
 * interrupt is noted, cleared so that parking can go on, and handed back by {@link
 * #restoreInterrupt()}.
 */
final class Parker {
  /*
   * Implementation notes: `permit` is changed only by getAndSet, on both sides. Publishers write
   * their work (a queue entry, a flag) and then call unpark(); the owner consumes the permit with a
   * getAndSet and then looks at the work. Two read-modify-writes of one variable are totally ordered
   * and the later one reads the earlier one's value, so either the owner's swap reads the grant (and
   * happens-after the work) or the publisher's swap reads the owner's `false` and unparks it. A
   * plain read of the permit on either side would reopen a store-load race (a grant seen as
   * already-set while the work is still in the publisher's store buffer); that is why there is no
   * read-only fast path.
   *
   * Waiting in the driver: once it holds the driver (RuntimeDriver.tryPark's mayBlock, so that a
   * driver.unpark() aimed at it cannot be consumed by another thread's turn), the owner publishes
   * `drivingWith` (volatile) before its getAndSet of the permit, and a granter reads it after its
   * own getAndSet. So either the owner's swap sees the
   * grant and it does not drive, or the granter sees `drivingWith` and wakes the driver
   * (RuntimeDriver.unpark is remembered when it comes before the select). A grant to an owner that
   * failed to take the driver (another thread drives) also unparks it through LockSupport.
   *
   * Fields: `owner` is final; `permit` any thread, getAndSet; `drivingWith` written by the owner,
   * read by any thread; `interrupted` owner thread only.
   */
  private static final VarHandle PERMIT;

  static {
    try {
      PERMIT = MethodHandles.lookup().findVarHandle(Parker.class, "permit", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Thread owner;

  private volatile boolean permit;

  private volatile RuntimeDriver drivingWith;

  /** The driver the owner is about to park in; owner thread only. */
  private RuntimeDriver driverToAnnounce;

  private final BooleanSupplier announceDriving = this::announceDriving;

  private boolean interrupted;

  /** Creates a permit owned by the calling thread, not granted. */
  Parker() {
    this.owner = Thread.currentThread();
  }

  Thread owner() {
    return owner;
  }

  /** Grants the permit and unparks the owner if the permit was not already granted. Any thread. */
  void unpark() {
    if (!(boolean) PERMIT.getAndSet(this, true)) {
      LockSupport.unpark(owner);
      RuntimeDriver driver = drivingWith;
      if (driver != null) {
        driver.unpark();
      }
    }
  }

  /** Consumes the permit, parking the owner until it is granted. Owner thread only. */
  void park() {
    while (!(boolean) PERMIT.getAndSet(this, false)) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
  }

  /**
   * Consumes the permit if granted; otherwise waits in {@code driver} (timers, I/O) until an event,
   * a timer, the permit or {@code maxWaitNanos}, unless another thread drives. Owner thread only.
   *
   * @param maxWaitNanos the longest wait in the driver, or {@link Long#MAX_VALUE}
   * @param everyTaskWaits passed to {@link RuntimeDriver#tryPark}: lets a paused clock jump
   * @return true if the permit was consumed or this thread drove (the caller looks for work again);
   *     false if another thread drives (the caller parks instead)
   */
  boolean driveUnlessGranted(RuntimeDriver driver, long maxWaitNanos, boolean everyTaskWaits) {
    if (Thread.interrupted()) {
      interrupted = true; // an interrupted thread's select returns at once: keep it for later
    }
    driverToAnnounce = driver;
    try {
      if (!driver.tryPark(maxWaitNanos, everyTaskWaits, announceDriving)) {
        return false;
      }
    } finally {
      drivingWith = null;
    }
    PERMIT.getAndSet(this, false); // the caller looks for work next: a grant made meanwhile is seen
    return true;
  }

  /**
   * Announces the park in the driver, with the driver held (so a granter's driver.unpark() lands on
   * this thread's own turn), then consumes a grant that came first.
   *
   * @return false if the permit was granted already: the park ends at once
   */
  private boolean announceDriving() {
    drivingWith = driverToAnnounce;
    return !(boolean) PERMIT.getAndSet(this, false);
  }

  /**
   * Consumes the permit, parking the owner until it is granted or {@code nanos} passed. Owner
   * thread only.
   *
   * @param nanos the longest wait
   */
  void parkNanos(long nanos) {
    if (!(boolean) PERMIT.getAndSet(this, false)) {
      LockSupport.parkNanos(this, nanos);
      if (Thread.interrupted()) {
        interrupted = true;
      }
      PERMIT.getAndSet(this, false);
    }
  }

  /**
   * Clears the owner's interrupt status, noting it for {@link #restoreInterrupt()}. Owner thread
   * only; one read of the status when it is not set.
   */
  void takeInterrupt() {
    if (Thread.interrupted()) {
      interrupted = true;
    }
  }

  /** Re-asserts an interrupt that arrived while parked. Owner thread only. */
  void restoreInterrupt() {
    if (interrupted) {
      interrupted = false;
      owner.interrupt();
    }
  }
}
