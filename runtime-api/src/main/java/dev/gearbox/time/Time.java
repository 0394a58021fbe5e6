package dev.gearbox.time;

import dev.gearbox.future.Future;
import java.time.Duration;
import java.util.Objects;

/**
 * The time futures, as Tokio's {@code tokio::time}: {@link #sleep}, {@link #sleepUntil}, {@link
 * #timeout} and {@link #interval}. They run on any Gearbox runtime: on their first poll they take
 * the runtime's {@link Timer} from their context, read its clock and register a {@link TimerEntry};
 * polled with a context that supplies no timer they throw {@link IllegalStateException}. Making one
 * costs a small allocation and touches no timer.
 *
 * <p>Relative times are measured from the first poll, not from creation: {@code sleep(d)} waits
 * {@code d} from the moment it is first polled, {@code timeout(f, d)} gives {@code f} {@code d}
 * from its first poll, and an interval's first tick is that first poll.
 */
public final class Time {
  private Time() {}

  /**
   * A future that completes {@code duration} after its first poll. Zero and negative durations
   * complete on the first poll without registering a timer; durations too long to represent wait
   * forever.
   *
   * @param duration how long to sleep
   * @return the sleep
   * @throws NullPointerException if {@code duration} is null
   */
  public static Sleep sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return Sleep.after(Clock.deadlineAfter(0L, duration));
  }

  /**
   * A future that completes once the runtime's clock has passed {@code deadlineNanos}. A deadline
   * already due at the first poll completes on it without registering a timer.
   *
   * @param deadlineNanos a reading of the runtime's {@link Clock}
   * @return the sleep
   */
  public static Sleep sleepUntil(long deadlineNanos) {
    return Sleep.until(deadlineNanos);
  }

  /**
   * A future that completes as {@code future} does, unless {@code duration} passes first (counted
   * from the first poll): then it drops {@code future} and throws {@link TimedOutException}, whose
   * message names the duration. Each poll polls {@code future} first, so a future that is ready
   * wins even at a zero duration. Dropping the timeout drops {@code future} and cancels the timer.
   * Polling costs one poll of {@code future} plus a constant.
   *
   * @param future the future to limit; the timeout owns it from now on
   * @param duration the time limit; zero or negative times out on the first poll at which {@code
   *     future} is not ready
   * @param <T> the output type
   * @return the limited future
   * @throws NullPointerException if {@code future} or {@code duration} is null
   */
  public static <T> Future<T> timeout(Future<T> future, Duration duration) {
    Objects.requireNonNull(future, "future");
    Objects.requireNonNull(duration, "duration");
    return new Timeout<>(future, sleep(duration), duration);
  }

  /**
   * An interval ticking every {@code period}, bursting to catch up with missed ticks ({@link
   * MissedTickBehavior#BURST}, Tokio's default). Its first tick completes at once.
   *
   * @param period the time between ticks, positive
   * @return the interval
   * @throws NullPointerException if {@code period} is null
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public static Interval interval(Duration period) {
    return interval(period, MissedTickBehavior.BURST);
  }

  /**
   * An interval ticking every {@code period}, whose late ticks follow {@code behavior}. Its first
   * tick completes at once, on its first poll; see {@link Interval}.
   *
   * @param period the time between ticks, positive; periods too long to represent in nanoseconds
   *     (about 292 years) tick once
   * @param behavior what to do when ticks are taken late
   * @return the interval
   * @throws NullPointerException if {@code period} or {@code behavior} is null
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public static Interval interval(Duration period, MissedTickBehavior behavior) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(behavior, "behavior");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "interval period " + period + " is not allowed: the period must be positive");
    }
    return new Interval(period, Clock.deadlineAfter(0L, period), behavior);
  }
}
