package dev.gearbox.future;

import dev.gearbox.spi.ParkingWaker;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Drives a future to completion on the calling thread: polls it, and parks on a {@link
 * ParkingWaker} until woken, as a minimal {@code blockOn}. Every wait has a deadline.
 */
public final class ParkingDriver {
  private ParkingDriver() {}

  /** Polls {@code future} until Ready and returns its output, or fails after {@code timeout}. */
  public static <T> T blockOn(Future<T> future, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    return blockOnUntil(future, deadline);
  }

  /** Like {@link #blockOn} with an absolute {@link System#nanoTime()} deadline. */
  public static <T> T blockOnUntil(Future<T> future, long deadlineNanos) throws Exception {
    ParkingWaker waker = new ParkingWaker();
    Context cx = Context.of(waker);
    while (true) {
      Poll<T> poll = future.poll(cx);
      if (poll instanceof Poll.Ready<T>(T value)) {
        return value;
      }
      if (!waker.park(deadlineNanos)) {
        future.drop();
        throw new TimeoutException(
            "future not ready before the deadline (lost wake-up?): " + future);
      }
    }
  }
}
