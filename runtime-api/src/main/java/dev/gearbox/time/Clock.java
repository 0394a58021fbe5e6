package dev.gearbox.time;

import java.time.Duration;
import java.util.Objects;

/**
 * The monotonic time source a runtime reads for its timers: a reading in nanoseconds from an
 * arbitrary origin, like {@link System#nanoTime()}. Only differences between two readings of the
 * same clock mean anything.
 *
 * <p>Every runtime takes a clock, so tests can swap {@link #system()} for a {@link PausedClock} and
 * move time by hand. Deadlines are plain {@code long} readings of this clock; the static helpers do
 * the arithmetic on them without overflow: a deadline too far away to represent saturates to {@link
 * Long#MAX_VALUE}, which drivers treat as "no deadline".
 */
public interface Clock {

  /**
   * The current reading. Never decreases between two calls, whichever threads make them.
   *
   * @return the reading in nanoseconds from this clock's origin
   */
  long nanoTime();

  /**
   * The clock of the machine, backed by {@link System#nanoTime()}. Reading it costs one {@code
   * nanoTime} call.
   *
   * @return the shared system clock
   */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /**
   * The deadline {@code delay} after the current reading; see {@link #deadlineAfter(long,
   * Duration)}.
   *
   * @param delay how long from now; zero or negative means already due
   * @return the deadline as a reading of this clock
   * @throws NullPointerException if {@code delay} is null
   */
  default long deadlineAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return deadlineAfter(nanoTime(), delay);
  }

  /**
   * The reading {@code delay} after {@code nowNanos}, saturated to {@link Long#MAX_VALUE} or {@link
   * Long#MIN_VALUE} instead of overflowing. Constant time.
   *
   * @param nowNanos a reading of some clock
   * @param delay how long after it; zero or negative gives a deadline already due
   * @return the deadline reading
   * @throws NullPointerException if {@code delay} is null
   */
  static long deadlineAfter(long nowNanos, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    long delayNanos;
    try {
      delayNanos = delay.toNanos();
    } catch (ArithmeticException tooLong) {
      delayNanos = delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return deadlineAfter(nowNanos, delayNanos);
  }

  /**
   * The reading {@code delayNanos} after {@code nowNanos}, saturated to {@link Long#MAX_VALUE} or
   * {@link Long#MIN_VALUE} instead of overflowing. Constant time.
   *
   * @param nowNanos a reading of some clock
   * @param delayNanos how many nanoseconds after it; zero or negative gives a deadline already due
   * @return the deadline reading
   */
  static long deadlineAfter(long nowNanos, long delayNanos) {
    long sum = nowNanos + delayNanos;
    boolean overflow = ((nowNanos ^ sum) & (delayNanos ^ sum)) < 0;
    if (overflow) {
      return delayNanos < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /**
   * {@code toNanos - fromNanos}, saturated instead of overflowing: the signed time from one reading
   * to another. Constant time.
   *
   * @param fromNanos the earlier reading
   * @param toNanos the later reading
   * @return the difference; negative if {@code toNanos} is before {@code fromNanos}
   */
  static long nanosBetween(long fromNanos, long toNanos) {
    long difference = toNanos - fromNanos;
    boolean overflow = ((toNanos ^ fromNanos) & (toNanos ^ difference)) < 0;
    if (overflow) {
      return toNanos > fromNanos ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return difference;
  }

  /**
   * The time left until {@code deadlineNanos}, never negative: what a driver parks for. Constant
   * time.
   *
   * @param nowNanos the current reading
   * @param deadlineNanos the deadline reading
   * @return nanoseconds until the deadline, or 0 if it has passed
   */
  static long nanosUntil(long nowNanos, long deadlineNanos) {
    return Math.max(0, nanosBetween(nowNanos, deadlineNanos));
  }
}
