package dev.gearbox.embedded;

import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;

/**
 * Embedded time read from a runtime's {@link Clock}, so embedded {@link TickTimer}s on the {@code
 * embedded} runtime follow {@code Runtime.clock()}, paused or not.
 */
final class ClockTimeDriver implements TimeDriver {
  private final Clock clock;
  private final long originNanos;

  ClockTimeDriver(Clock clock) {
    this.clock = clock;
    this.originNanos = clock.nanoTime();
  }

  @Override
  public long now() {
    return Ticks.fromNanos(Math.max(0, clock.nanoTime() - originNanos));
  }

  @Override
  public long nanosUntil(long deadlineTicks) {
    if (deadlineTicks == NEVER) {
      return Long.MAX_VALUE;
    }
    long elapsed = clock.nanoTime() - originNanos;
    // rounded up, so that a reading at `due` has reached the deadline
    long due = TickInstant.saturatingAdd(Ticks.toNanos(deadlineTicks), 1);
    if (due <= elapsed) {
      return 0;
    }
    return clock instanceof PausedClock paused && paused.isPaused()
        ? Long.MAX_VALUE
        : due - elapsed;
  }

  /** The reading of the clock at which {@code ticks} is reached. */
  long clockNanosAt(long ticks) {
    return TickInstant.saturatingAdd(originNanos, Ticks.toNanos(ticks));
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void onAdvance(Runnable listener) {
    if (clock instanceof PausedClock paused) {
      paused.onAdvance(listener);
    }
  }
}
