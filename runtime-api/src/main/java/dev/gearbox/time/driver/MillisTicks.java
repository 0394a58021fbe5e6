package dev.gearbox.time.driver;

import dev.gearbox.time.Clock;

/**
 * Converts clock readings to the ticks of a {@link TimerWheel}: whole milliseconds since an origin
 * reading, never negative and at most {@link #MAX_TICK}. Deadlines round up and the current time
 * rounds down, so the tick of a deadline is reached only once the clock has passed the deadline.
 * Immutable.
 */
final class MillisTicks {
  /** Nanoseconds per tick: the wheel's resolution. */
  static final long NANOS_PER_TICK = 1_000_000L;

  /** The largest tick: the last whole millisecond a {@code long} of nanoseconds can hold. */
  static final long MAX_TICK = Long.MAX_VALUE / NANOS_PER_TICK;

  /**
   * The tick of every deadline beyond the clock's range, {@link #MAX_TICK}: a deadline saturated to
   * {@link Long#MAX_VALUE} ({@link TimerWheel#NO_DEADLINE}) and any other that rounds up to it. It
   * never comes: reaching it would leave no room for later deadlines.
   */
  static final long NEVER = MAX_TICK;

  private final long originNanos;

  MillisTicks(long originNanos) {
    this.originNanos = originNanos;
  }

  /**
   * The tick at which a deadline is due: ceil((deadline - origin) / 1 ms), clamped to {@link
   * #NEVER}.
   */
  long deadlineTick(long deadlineNanos) {
    long sinceOrigin = Clock.nanosBetween(originNanos, deadlineNanos);
    if (sinceOrigin <= 0) {
      return 0;
    }
    return Math.min(MAX_TICK, Math.ceilDiv(sinceOrigin, NANOS_PER_TICK));
  }

  /** The tick the clock stands at: floor((now - origin) / 1 ms), clamped. */
  long nowTick(long nowNanos) {
    long sinceOrigin = Clock.nanosBetween(originNanos, nowNanos);
    if (sinceOrigin <= 0) {
      return 0;
    }
    return Math.min(MAX_TICK, sinceOrigin / NANOS_PER_TICK);
  }

  /** The reading at which a tick starts, saturated to {@link Long#MAX_VALUE}. */
  long toNanos(long tick) {
    if (tick >= MAX_TICK) {
      return Long.MAX_VALUE;
    }
    return Clock.deadlineAfter(originNanos, tick * NANOS_PER_TICK);
  }
}
