package dev.gearbox.future;

import dev.gearbox.spi.ParkingWaker;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Drives futures to completion on the thread that created it: polls, and parks on a {@link
 * ParkingWaker} until woken, as a minimal {@code blockOn}. Every wait has a deadline, so a lost
 * wake-up fails the test instead of hanging it.
 */
public final class ParkingDriver {
  private final ParkingWaker waker = new ParkingWaker();
  private final Context cx = Context.of(waker);
  private final long deadlineNanos;

  /** A driver for the calling thread that gives up at {@code deadlineNanos} (nanoTime). */
  public ParkingDriver(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** Polls {@code future} until Ready and returns its output; fails after {@code timeout}. */
  public static <T> T blockOn(Future<T> future, Duration timeout) throws Exception {
    return new ParkingDriver(System.nanoTime() + timeout.toNanos()).await(future);
  }

  /** Polls {@code future} until Ready and returns its output; fails at the deadline. */
  public <T> T await(Future<T> future) throws Exception {
    while (true) {
      Poll<T> poll = future.poll(cx);
      if (poll instanceof Poll.Ready<T>(T value)) {
        return value;
      }
      parkUntilWoken(future);
    }
  }

  /** Polls {@code future} once with this driver's waker. */
  public <T> Poll<T> pollOnce(Future<T> future) throws Exception {
    return future.poll(cx);
  }

  /** Parks until this driver's waker is woken; fails at the deadline. */
  public void parkUntilWoken(Object waitingFor) throws TimeoutException {
    if (!waker.park(deadlineNanos)) {
      throw new TimeoutException("not woken before the deadline (lost wake-up?): " + waitingFor);
    }
  }
}
