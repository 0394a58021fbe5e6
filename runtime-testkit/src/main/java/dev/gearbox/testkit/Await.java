package dev.gearbox.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, for tests: the alternative to sleeping for a fixed time.
 * The condition is checked at once, then with a short growing pause between checks.
 */
public final class Await {
  private static final long MAX_PAUSE_NANOS = Duration.ofMillis(10).toNanos();

  private Await() {}

  /**
   * Returns as soon as {@code condition} holds; fails when it still does not after {@code timeout}.
   *
   * @param timeout the longest time to wait
   * @param condition the condition, checked from the calling thread
   * @param description what is awaited, for the failure message; called only on failure
   * @throws AssertionError if the condition does not hold in time
   */
  public static void until(
      Duration timeout, BooleanSupplier condition, Supplier<String> description) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(description, "description");
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 1_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + description.get());
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
  }

  /**
   * As {@link #until(Duration, BooleanSupplier, Supplier)} with a fixed description.
   *
   * @param timeout the longest time to wait
   * @param condition the condition
   * @param description what is awaited
   * @throws AssertionError if the condition does not hold in time
   */
  public static void until(Duration timeout, BooleanSupplier condition, String description) {
    Objects.requireNonNull(description, "description");
    until(timeout, condition, () -> description);
  }
}
