package dev.gearbox.time;

/**
 * What an {@link Interval} does when a tick is taken late, after the deadline of one or more later
 * ticks has also passed (its task was busy, or the runtime overloaded); as Tokio's {@code
 * MissedTickBehavior}. A tick is late when it is taken more than {@link Interval#LATE_AFTER} after
 * its deadline; a tick on time, or nearly, always schedules the next one a period after its own
 * deadline, so timer resolution does not make an interval drift.
 *
 * <p>With a period of 10 ms from time 0, and the tick due at 10 ms taken at 45 ms (3.5 periods
 * late), the deadlines that the next ticks report are:
 *
 * <pre>
 * BURST  10 (taken at 45), 20, 30, 40 (taken at once), 50, 60, ...
 * DELAY  10 (taken at 45), 55, 65, 75, ...
 * SKIP   10 (taken at 45), 50, 60, 70, ...
 * </pre>
 */
public enum MissedTickBehavior {
  /**
   * Ticks as fast as it is polled until it has caught up with the missed ticks, then keeps the
   * original schedule: every tick is delivered, some back to back. Tokio's default.
   */
  BURST {
    @Override
    long nextDeadline(long lateDeadlineNanos, long nowNanos, long periodNanos) {
      return Clock.deadlineAfter(lateDeadlineNanos, periodNanos);
    }
  },

  /**
   * Forgets the missed ticks and starts a new schedule from the late tick: the next tick is a
   * period after the moment the late one was taken. Ticks are never closer than a period.
   */
  DELAY {
    @Override
    long nextDeadline(long lateDeadlineNanos, long nowNanos, long periodNanos) {
      return Clock.deadlineAfter(nowNanos, periodNanos);
    }
  },

  /**
   * Forgets the missed ticks and keeps the original schedule: the next tick is the first deadline
   * of that schedule after the moment the late tick was taken.
   */
  SKIP {
    @Override
    long nextDeadline(long lateDeadlineNanos, long nowNanos, long periodNanos) {
      long lateBy = Clock.nanosBetween(lateDeadlineNanos, nowNanos);
      return Clock.deadlineAfter(nowNanos, periodNanos - lateBy % periodNanos);
    }
  };

  /**
   * The deadline of the tick after a late one.
   *
   * @param lateDeadlineNanos the deadline of the late tick
   * @param nowNanos when it was taken, after that deadline
   * @param periodNanos the interval's period, positive
   * @return the next deadline, saturated instead of overflowing
   */
  abstract long nextDeadline(long lateDeadlineNanos, long nowNanos, long periodNanos);
}
