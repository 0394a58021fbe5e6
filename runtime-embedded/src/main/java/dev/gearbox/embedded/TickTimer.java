package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;

/**
 * A future that completes at a tick deadline of the executor's {@link TimeDriver} (Embassy's {@code
 * Timer}; named for its ticks, so that it does not shadow {@code dev.gearbox.time.Timer} or {@code
 * java.util.Timer}). It must be polled by a task of an embedded {@link EmbeddedExecutor} (a pooled
 * task, or a task of the {@code embedded} runtime): it links that task into the executor's
 * intrusive timer queue, so waiting allocates nothing. A timer is reusable: {@link #resetAfter} and
 * {@link #resetAt} re-arm it, so a task body keeps one timer for its whole life.
 */
public final class TickTimer implements Future<Void> {
  private static final long UNARMED = -1;

  private long delay;
  private long deadline;

  private TickTimer(long delay, long deadline) {
    this.delay = delay;
    this.deadline = deadline;
  }

  /**
   * A timer that completes {@code duration} after its first poll.
   *
   * @param duration the delay
   * @return the timer
   */
  public static TickTimer after(TickDuration duration) {
    return new TickTimer(duration.ticks(), UNARMED);
  }

  /**
   * A timer that completes at {@code instant} of the executor's driver.
   *
   * @param instant the deadline
   * @return the timer
   */
  public static TickTimer at(TickInstant instant) {
    return new TickTimer(0, instant.ticks());
  }

  /**
   * Re-arms this timer to complete {@code duration} after its next poll. No allocation.
   *
   * @param duration the delay
   * @return this timer
   */
  public TickTimer resetAfter(TickDuration duration) {
    return resetAfterTicks(duration.ticks());
  }

  /**
   * Re-arms this timer to complete {@code ticks} ticks after its next poll. No allocation.
   *
   * @param ticks the delay, at least 0
   * @return this timer
   * @throws IllegalArgumentException if negative
   */
  public TickTimer resetAfterTicks(long ticks) {
    if (ticks < 0) {
      throw new IllegalArgumentException(
          "a TickTimer delay cannot be negative: " + ticks + " ticks");
    }
    delay = ticks;
    deadline = UNARMED;
    return this;
  }

  /**
   * Re-arms this timer to complete at {@code instant}. No allocation.
   *
   * @param instant the deadline
   * @return this timer
   */
  public TickTimer resetAt(TickInstant instant) {
    deadline = instant.ticks();
    return this;
  }

  @Override
  public Poll<Void> poll(Context cx) {
    TaskNode task = taskOf(cx, "TickTimer");
    EmbeddedExecutor executor = task.executor();
    long now = executor.timeDriver().now();
    if (deadline == UNARMED) {
      deadline = TickInstant.saturatingAdd(now, delay);
    }
    if (now >= deadline) {
      return Poll.ready();
    }
    executor.scheduleWake(task, deadline);
    return Poll.pending();
  }

  /** The embedded task polling with {@code cx}; fails clearly for any other context. */
  static TaskNode taskOf(Context cx, String what) {
    Waker waker = cx.waker();
    if (waker instanceof TaskNode task) {
      return task;
    }
    throw new IllegalStateException(
        "an embedded "
            + what
            + " must be polled by a task of an embedded EmbeddedExecutor or of the 'embedded' runtime; its"
            + " waker was "
            + waker);
  }

  @Override
  public String toString() {
    return deadline == UNARMED
        ? "TickTimer[after " + delay + " ticks]"
        : "TickTimer[at " + deadline + "]";
  }
}
