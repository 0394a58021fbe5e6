package dev.gearbox.embedded;

/**
 * A span of embedded time, counted in ticks of {@link Ticks#HZ} per second (Embassy's {@code
 * Duration}; named apart from {@link java.time.Duration}, which counts nanoseconds). Build
 * constants once and reuse them: a {@code TickDuration} is a small object.
 *
 * @param ticks the length in ticks, never negative
 */
public record TickDuration(long ticks) implements Comparable<TickDuration> {

  /** No time at all. */
  public static final TickDuration ZERO = new TickDuration(0);

  /**
   * Checks the tick count.
   *
   * @throws IllegalArgumentException if {@code ticks} is negative
   */
  public TickDuration {
    if (ticks < 0) {
      throw new IllegalArgumentException("a TickDuration cannot be negative: " + ticks + " ticks");
    }
  }

  /**
   * A duration of {@code ticks} ticks.
   *
   * @param ticks the tick count, at least 0
   * @return the duration
   */
  public static TickDuration ofTicks(long ticks) {
    return new TickDuration(ticks);
  }

  /**
   * A duration of whole seconds, saturating at the longest duration.
   *
   * @param seconds at least 0
   * @return the duration
   */
  public static TickDuration ofSeconds(long seconds) {
    return new TickDuration(Ticks.convert(requireNonNegative(seconds, "seconds"), 1, Ticks.HZ));
  }

  /**
   * A duration of milliseconds, rounded down to whole ticks.
   *
   * @param millis at least 0
   * @return the duration
   */
  public static TickDuration ofMillis(long millis) {
    return new TickDuration(Ticks.convert(requireNonNegative(millis, "millis"), 1_000, Ticks.HZ));
  }

  /**
   * A duration of microseconds, rounded down to whole ticks.
   *
   * @param micros at least 0
   * @return the duration
   */
  public static TickDuration ofMicros(long micros) {
    return new TickDuration(
        Ticks.convert(requireNonNegative(micros, "micros"), 1_000_000, Ticks.HZ));
  }

  /**
   * This duration in whole milliseconds.
   *
   * @return milliseconds, rounded down
   */
  public long toMillis() {
    return Ticks.convert(ticks, Ticks.HZ, 1_000);
  }

  /**
   * This duration in whole microseconds.
   *
   * @return microseconds, rounded down
   */
  public long toMicros() {
    return Ticks.convert(ticks, Ticks.HZ, 1_000_000);
  }

  private static long requireNonNegative(long value, String unit) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "a TickDuration cannot be negative: " + value + " " + unit);
    }
    return value;
  }

  @Override
  public int compareTo(TickDuration other) {
    return Long.compare(ticks, other.ticks);
  }
}
