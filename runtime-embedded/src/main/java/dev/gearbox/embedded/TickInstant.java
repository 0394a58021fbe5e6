package dev.gearbox.embedded;

/**
 * A point of embedded time: the ticks since the {@link TimeDriver} started (Embassy's {@code
 * Instant}). {@link Instant#now(TimeDriver)} reads a driver; inside a task, {@link Timer} reads the
 * executor's driver itself.
 *
 * @param ticks ticks since the driver's epoch, never negative
 */
public record Instant(long ticks) implements Comparable<Instant> {

  /** The driver's epoch. */
  public static final Instant ZERO = new Instant(0);

  /** Later than any reachable instant: "never". */
  public static final Instant MAX = new Instant(Long.MAX_VALUE);

  /**
   * Checks the tick count.
   *
   * @throws IllegalArgumentException if {@code ticks} is negative
   */
  public Instant {
    if (ticks < 0) {
      throw new IllegalArgumentException("an Instant cannot be negative: " + ticks + " ticks");
    }
  }

  /**
   * The current reading of {@code driver}.
   *
   * @param driver the time driver
   * @return now
   */
  public static Instant now(TimeDriver driver) {
    return new Instant(driver.now());
  }

  /**
   * This instant plus {@code duration}, saturating at {@link #MAX}.
   *
   * @param duration the span to add
   * @return the later instant
   */
  public Instant plus(Duration duration) {
    return new Instant(saturatingAdd(ticks, duration.ticks()));
  }

  /**
   * The time from {@code earlier} to this instant, or zero if {@code earlier} is later.
   *
   * @param earlier the start
   * @return the span between them
   */
  public Duration durationSince(Instant earlier) {
    return new Duration(Math.max(0, ticks - earlier.ticks));
  }

  static long saturatingAdd(long ticks, long more) {
    long sum = ticks + more;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public int compareTo(Instant other) {
    return Long.compare(ticks, other.ticks);
  }
}
