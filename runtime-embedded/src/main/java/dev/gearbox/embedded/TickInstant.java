package dev.gearbox.embedded;

/**
 * A point of embedded time: the ticks since the {@link TimeDriver} started (Embassy's {@code
 * Instant}; named apart from {@link java.time.Instant}, which is wall-clock time). {@link
 * TickInstant#now(TimeDriver)} reads a driver; inside a task, {@link TickTimer} reads the
 * executor's driver itself.
 *
 * @param ticks ticks since the driver's epoch, never negative
 */
public record TickInstant(long ticks) implements Comparable<TickInstant> {

  /** The driver's epoch. */
  public static final TickInstant ZERO = new TickInstant(0);

  /** Later than any reachable instant: "never". */
  public static final TickInstant MAX = new TickInstant(Long.MAX_VALUE);

  /**
   * Checks the tick count.
   *
   * @throws IllegalArgumentException if {@code ticks} is negative
   */
  public TickInstant {
    if (ticks < 0) {
      throw new IllegalArgumentException("an TickInstant cannot be negative: " + ticks + " ticks");
    }
  }

  /**
   * The current reading of {@code driver}.
   *
   * @param driver the time driver
   * @return now
   */
  public static TickInstant now(TimeDriver driver) {
    return new TickInstant(driver.now());
  }

  /**
   * This instant plus {@code duration}, saturating at {@link #MAX}.
   *
   * @param duration the span to add
   * @return the later instant
   */
  public TickInstant plus(TickDuration duration) {
    return new TickInstant(saturatingAdd(ticks, duration.ticks()));
  }

  /**
   * The time from {@code earlier} to this instant, or zero if {@code earlier} is later.
   *
   * @param earlier the start
   * @return the span between them
   */
  public TickDuration durationSince(TickInstant earlier) {
    return new TickDuration(Math.max(0, ticks - earlier.ticks));
  }

  static long saturatingAdd(long ticks, long more) {
    long sum = ticks + more;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public int compareTo(TickInstant other) {
    return Long.compare(ticks, other.ticks);
  }
}
