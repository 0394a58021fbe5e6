package dev.gearbox.time;

import dev.gearbox.future.Waker;

/**
 * One timer: what a time future owns while it waits for a deadline. A sleep or timeout future takes
 * one from its runtime's {@link Timer} ({@link Timer#newEntry()}) on its first poll and keeps it
 * for its whole life: it stores its waker, registers the entry, checks {@link #isElapsed()} on
 * later polls, and cancels it when dropped. The entry is the timer's own node (a timer wheel links
 * it into its slots), so registering and cancelling allocate nothing.
 *
 * <p>An entry is registered with at most one timer at a time. It can be registered again after it
 * elapsed or was cancelled, and registering a pending entry again moves it to the new deadline.
 * Only the timer that made an entry, or another of the same kind, accepts it.
 */
public interface TimerEntry {

  /**
   * Sets the waker to wake when the deadline passes, replacing the previous one. Callable from any
   * thread, at any time: a future calls it when polled with a waker that does not {@link
   * Waker#willWake} the stored one, then checks {@link #isElapsed()}.
   *
   * @param waker the waker of the task waiting on this timer
   * @throws NullPointerException if {@code waker} is null
   */
  void setWaker(Waker waker);

  /**
   * The waker last set.
   *
   * @return the waker, or {@code null} if none was set
   */
  Waker waker();

  /**
   * Whether the deadline of the last registration has passed and the entry fired.
   *
   * @return true once elapsed, until registered again
   */
  boolean isElapsed();

  /**
   * Whether the entry waits for its deadline in a timer: linked there, or held for a deadline
   * beyond the clock's range, which never comes.
   *
   * @return true between a registration and its firing or cancellation
   */
  boolean isRegistered();
}
