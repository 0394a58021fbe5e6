package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;

/**
 * What time futures see of their runtime's timers: the runtime's {@link Clock}, and making,
 * registering and cancelling {@link TimerEntry entries}. A future reaches it with {@link
 * #of(Context)} on its first poll: the timer is (part of) the {@linkplain Context#driver() driver}
 * its context carries; a timer wheel (in {@code dev.gearbox.time.driver}, internal to the runtimes)
 * is the implementation every runtime uses.
 *
 * <p>Implementations are thread-safe: any thread registers and cancels, and the runtime fires due
 * entries by marking them {@link TimerEntry#isElapsed() elapsed} and waking their waker.
 */
public interface Timer extends Driver {

  /**
   * The timer of the runtime polling {@code cx}: its {@linkplain Context#driver() driver}, when
   * that is a timer. Constant time: one field read and one type test on a runtime's context.
   *
   * @param cx the context of the poll
   * @return the runtime's timer
   * @throws IllegalStateException if the context's driver is not a timer, as for contexts made by
   *     {@link Context#of(dev.gearbox.future.Waker)}
   */
  static Timer of(Context cx) {
    if (cx.driver() instanceof Timer timer) {
      return timer;
    }
    throw new IllegalStateException(
        "no timer in this context: poll time futures on a Gearbox runtime, or build a Context"
            + " that supplies one");
  }

  /**
   * The clock that deadlines are readings of. Constant time.
   *
   * @return the runtime's clock
   */
  Clock clock();

  /**
   * Makes an idle entry, with no waker, that this timer (and any other timer of its kind) accepts.
   * A time future calls it once, on its first poll. Constant time: one allocation.
   *
   * @return a new entry
   */
  TimerEntry newEntry();

  /**
   * Registers {@code entry} to fire at {@code deadlineNanos}, or moves it there if it is already
   * pending here. Set the entry's waker first. An elapsed or cancelled entry may be registered
   * again. A deadline beyond the clock's range ({@link Long#MAX_VALUE}, where {@link
   * Clock#deadlineAfter} saturates) never comes: the entry stays pending until cancelled and never
   * fires. Constant time.
   *
   * @param entry the entry to register
   * @param deadlineNanos when to fire, as a reading of {@link #clock()}
   * @return true if the entry is now pending; false if the deadline is already due, in which case
   *     the entry is marked elapsed and its waker is <em>not</em> woken: the caller acts at once
   * @throws NullPointerException if {@code entry} is null
   * @throws IllegalStateException if the entry is pending with another timer
   * @throws IllegalArgumentException if the entry was not made by a timer of this kind
   */
  boolean register(TimerEntry entry, long deadlineNanos);

  /**
   * Unlinks a pending entry so that it never fires; for a future dropped before its deadline.
   * Constant time. Racing with the firing of the same entry, exactly one wins; when the firing wins
   * this returns false, and the waker may still be woken once just after.
   *
   * @param entry the entry to cancel
   * @return true if it was pending here and now is not; false if it already elapsed, was never
   *     registered here, or was cancelled before
   * @throws NullPointerException if {@code entry} is null
   */
  boolean cancel(TimerEntry entry);
}
