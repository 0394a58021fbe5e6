package dev.gearbox.minimal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A park permit for one owner thread that any thread may grant. {@link #unpark()} before {@link
 * #park()} is remembered, so no grant is lost. Parking is uninterruptible: an interrupt is noted,
 * cleared so that parking can go on, and handed back by {@link #restoreInterrupt()}.
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
   * Fields: `owner` is final; `permit` any thread, getAndSet; `interrupted` owner thread only.
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

  /** Re-asserts an interrupt that arrived while parked. Owner thread only. */
  void restoreInterrupt() {
    if (interrupted) {
      interrupted = false;
      owner.interrupt();
    }
  }
}
