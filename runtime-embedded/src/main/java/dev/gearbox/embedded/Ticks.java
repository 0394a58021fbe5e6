package dev.gearbox.embedded;

/**
 * The tick rate of embedded time: {@link TickInstant}s and {@link TickDuration}s count ticks, and a
 * tick lasts {@code 1 / HZ} seconds. Like Embassy's {@code tick-hz-*} feature, the rate is fixed
 * for the whole program: it is read once from the system property {@value #HZ_PROPERTY} (default
 * {@value #DEFAULT_HZ}, 1 MHz: a tick is a microsecond).
 */
public final class Ticks {
  /** The system property that sets the tick rate, in ticks per second. */
  public static final String HZ_PROPERTY = "gearbox.embedded.tickHz";

  /** The default tick rate: 1 MHz. */
  public static final long DEFAULT_HZ = 1_000_000L;

  /** The most ticks per second: one tick per nanosecond. */
  public static final long MAX_HZ = 1_000_000_000L;

  /** The tick rate of this program, in ticks per second. */
  public static final long HZ = parseHz(System.getProperty(HZ_PROPERTY));

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Ticks() {}

  /**
   * Parses a tick rate, as the system property gives it.
   *
   * @param value the text, or null for the default
   * @return the rate
   * @throws IllegalArgumentException if the text is not a whole number from 1 to {@link #MAX_HZ}
   */
  static long parseHz(String value) {
    if (value == null) {
      return DEFAULT_HZ;
    }
    long hz;
    try {
      hz = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      hz = 0;
    }
    if (hz < 1 || hz > MAX_HZ) {
      throw new IllegalArgumentException(
          HZ_PROPERTY
              + "="
              + value
              + " is not allowed: a whole number of ticks per second from 1 to "
              + MAX_HZ);
    }
    return hz;
  }

  /**
   * Converts {@code amount} units of a rate of {@code fromHz} per second to units of {@code toHz},
   * rounding down, saturating at {@link Long#MAX_VALUE}; no allocation.
   *
   * @param amount a non-negative amount
   * @param fromHz units per second of {@code amount}
   * @param toHz units per second of the result
   * @return the converted amount
   */
  static long convert(long amount, long fromHz, long toHz) {
    if (fromHz == toHz) {
      return amount;
    }
    long whole = amount / fromHz;
    long rest = amount % fromHz;
    long high = Math.multiplyHigh(whole, toHz);
    long wholePart = whole * toHz;
    if (high != 0 || wholePart < 0) {
      return Long.MAX_VALUE;
    }
    // rest < fromHz <= 1e9 and toHz <= 1e9 (or a unit of seconds): the product fits in a long
    long restPart = Math.multiplyHigh(rest, toHz) == 0 ? rest * toHz / fromHz : Long.MAX_VALUE;
    long sum = wholePart + restPart;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * Nanoseconds in {@code ticks} ticks, saturating.
   *
   * @param ticks a non-negative tick count
   * @return nanoseconds
   */
  static long toNanos(long ticks) {
    return convert(ticks, HZ, NANOS_PER_SECOND);
  }

  /**
   * Whole ticks in {@code nanos} nanoseconds.
   *
   * @param nanos a non-negative nanosecond count
   * @return ticks
   */
  static long fromNanos(long nanos) {
    return convert(nanos, NANOS_PER_SECOND, HZ);
  }
}
