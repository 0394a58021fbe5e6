package dev.gearbox.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A non-reentrant lock for critical sections of a few field writes that never block inside: taking
 * it is one CAS, releasing it one release store (no fence), where a {@code ReentrantLock} also pays
 * a volatile store on release. A thread that finds it held spins briefly, then yields its processor
 * until the holder is done, so a holder that lost its processor gets it back.
 */
final class SpinLock {
  /*
   * Implementation notes: `locked` is 0 or 1; lock() acquires by CAS 0 -> 1 (a volatile write:
   * what the previous holder wrote before its release store is visible), unlock() releases by
   * setRelease(0). Waiters read with getOpaque before trying the CAS, so they spin on a shared
   * cache line rather than on repeated CASes (test-and-test-and-set). No fairness: a channel's
   * FIFO order of waiting senders is kept by its waiter list, not by this lock.
   */
  private static final int SPINS_BEFORE_YIELD = 64;
  private static final VarHandle LOCKED;

  static {
    try {
      LOCKED = MethodHandles.lookup().findVarHandle(SpinLock.class, "locked", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through LOCKED
  private volatile int locked;

  /** Takes the lock, spinning then yielding while another thread holds it. */
  void lock() {
    if (!LOCKED.compareAndSet(this, 0, 1)) {
      lockContended();
    }
  }

  private void lockContended() {
    int spins = 0;
    while (true) {
      if ((int) LOCKED.getOpaque(this) == 0 && LOCKED.compareAndSet(this, 0, 1)) {
        return;
      }
      if (++spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** Releases the lock; the calling thread must hold it. */
  void unlock() {
    LOCKED.setRelease(this, 0);
  }
}
