package dev.gearbox.verification;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Helpers of the model checks ({@link Scenario}): assertions, and a {@code blockOn} whose waits
 * Lincheck can follow.
 */
final class ModelCheck {
  private ModelCheck() {}

  /** Throws an {@link AssertionError} with {@code message} unless {@code condition} holds. */
  static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  /**
   * Polls {@code future} on the calling thread until it is ready, parking (untimed) between polls
   * until its waker is woken. Lincheck lets a park return spuriously (as the JDK may), so a waker
   * that is never woken shows as this thread spinning on its flag for good, which Lincheck reports
   * as a hang. A test harness, not a runtime: it has no timers and no I/O.
   */
  static <T> T blockOn(Future<T> future) {
    Thread owner = Thread.currentThread();
    AtomicBoolean woken = new AtomicBoolean();
    Waker waker =
        () -> {
          if (!woken.getAndSet(true)) {
            LockSupport.unpark(owner);
          }
        };
    Context cx = Context.of(waker);
    while (true) {
      if (pollOnce(future, cx) instanceof Poll.Ready<T>(T value)) {
        return value;
      }
      while (!woken.getAndSet(false)) {
        LockSupport.park();
      }
    }
  }

  private static <T> Poll<T> pollOnce(Future<T> future, Context cx) {
    try {
      return future.poll(cx);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
