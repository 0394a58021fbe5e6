package dev.gearbox.time.driver;

import dev.gearbox.time.Clock;
import dev.gearbox.time.Timer;
import java.util.Objects;

/**
 * The timers of one runtime as the runtime drives them: the {@link Timer} its futures register
 * with, plus firing what is due and telling how long the driver may park. {@link #wheel(Clock)}
 * makes the one implementation, a hierarchical timer wheel of 1 ms resolution (Tokio's shape: 6
 * levels of 64 slots), read against the runtime's {@link Clock}.
 *
 * <p>For the runtime's driver ({@code dev.gearbox.spi.RuntimeDriver}), which owns one; futures see
 * only the {@code Timer}. Thread-safe: any thread registers and cancels; one or more threads
 * advance.
 *
 * <p>Deadlines are readings of the clock. The wheel counts whole milliseconds from its creation and
 * rounds each deadline up to the next one, so a timer never fires before its deadline, and becomes
 * due at most 1 ms after it. A deadline beyond the clock's range ({@link #NO_DEADLINE}, where
 * {@link Clock#deadlineAfter} saturates) never comes: its entry stays pending until cancelled, is
 * never fired, and is not counted by {@link #nextDeadline()}.
 */
public interface TimerDriver extends Timer {

  /**
   * What {@link #nextDeadline()} returns when no timer is pending: {@link Long#MAX_VALUE}, the
   * value that {@link Clock#deadlineAfter} saturates at and that means "no deadline" throughout.
   */
  long NO_DEADLINE = Long.MAX_VALUE;

  /**
   * Creates an empty timer wheel whose time starts at the clock's current reading.
   *
   * @param clock the clock that deadlines are readings of
   * @return the wheel
   * @throws NullPointerException if {@code clock} is null
   */
  static TimerDriver wheel(Clock clock) {
    return new TimerWheel(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Fires every entry due at the clock's current reading; see {@link #advanceTo(long)}.
   *
   * @return the number of entries fired
   */
  int advance();

  /**
   * Moves the timers' time to {@code nowNanos} and fires every entry whose deadline has passed:
   * marks it elapsed and wakes its waker, on the calling thread. Entries fire in non-decreasing
   * order of their deadlines rounded to the millisecond. Cost: linear in the entries fired.
   *
   * @param nowNanos the current reading of {@link #clock()}
   * @return the number of entries fired
   * @throws RuntimeException the first exception a waker threw, after the other wakers of its batch
   *     ran; entries not yet fired then stay due and fire on the next call
   */
  int advanceTo(long nowNanos);

  /**
   * When the driver must next call {@link #advance()}: a reading of {@link #clock()} never later
   * than the moment the earliest pending entry becomes due, so parking until then never oversleeps.
   * Constant time.
   *
   * @return the reading to wake at; a past reading if entries are due; {@link #NO_DEADLINE} if none
   *     is pending
   */
  long nextDeadline();

  /**
   * The reading at which an entry registered now for {@code deadlineNanos} becomes due: the
   * deadline rounded up to the wheel's next millisecond (the reading {@link #nextDeadline()} would
   * give for it), or a past reading if it is due at once. A driver parked until some reading need
   * not be woken for an entry due no earlier. Constant time.
   *
   * @param deadlineNanos a reading of {@link #clock()}
   * @return the reading at which the entry is due, never before {@code deadlineNanos} unless that
   *     lies before the wheel's start
   */
  long dueAt(long deadlineNanos);

  /**
   * The number of entries that will fire. Constant time.
   *
   * @return entries registered and neither fired nor cancelled, leaving out those whose deadline is
   *     beyond the clock's range
   */
  int size();
}
