package dev.gearbox.minimal;

import dev.gearbox.future.Waker;
import dev.gearbox.spi.sched.Parker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The waker of the future given to {@code run}/{@code blockOn}: it flags the future as woken and
 * unparks the thread that drives it. No allocation per wake.
 */
final class MainFutureWaker implements Waker {
  /*
   * Implementation notes: `woken` is set with getAndSet by wakers and cleared with getAndSet by the
   * driving thread before it polls the future, so a waker that finds it already set has its writes
   * published to that poll (the driver's swap reads the waker's swap). The driver reads `woken`
   * plainly first, to skip the swap when not woken. A wake from the driving thread itself (during a
   * task's poll) does not unpark: the driver checks `woken` before it parks.
   *
   * Fields: `parker` final; `woken` any thread, getAndSet.
   */
  private static final VarHandle WOKEN;

  static {
    try {
      WOKEN = MethodHandles.lookup().findVarHandle(MainFutureWaker.class, "woken", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Parker parker;
  private volatile boolean woken = true;

  /** Creates a waker for the future driven by {@code parker}'s owner; it starts woken. */
  MainFutureWaker(Parker parker) {
    this.parker = parker;
  }

  @Override
  public void wake() {
    if (!(boolean) WOKEN.getAndSet(this, true) && Thread.currentThread() != parker.owner()) {
      parker.unpark();
    }
  }

  /** Whether the future was woken since the last call, clearing the flag. Driving thread only. */
  boolean consumeWake() {
    return woken && (boolean) WOKEN.getAndSet(this, false);
  }

  /** Whether the future was woken and the wake is not yet consumed. */
  boolean isWoken() {
    return woken;
  }
}
