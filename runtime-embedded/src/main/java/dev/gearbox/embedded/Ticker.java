package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * Ticks at a fixed period (Embassy's {@code Ticker}): {@link #next()} completes at each tick. The
 * first tick is one period after the first poll; each next one is a period after the previous tick,
 * so a late task catches up with a burst of ready ticks, keeping the long-run rate. Allocation-free
 * after creation: {@link #next()} always returns the same future. Polled by one task at a time.
 */
public final class Ticker {
  private static final long UNARMED = -1;

  private final long period;
  private final Future<Void> next = this::pollNext;
  private long expiresAt = UNARMED;

  private Ticker(long period) {
    this.period = period;
  }

  /**
   * A ticker with period {@code period}.
   *
   * @param period the period, at least one tick
   * @return the ticker
   * @throws IllegalArgumentException if the period is zero
   */
  public static Ticker every(TickDuration period) {
    if (period.ticks() < 1) {
      throw new IllegalArgumentException("a Ticker period must be at least one tick, got 0");
    }
    return new Ticker(period.ticks());
  }

  /**
   * The future of the next tick: the same object every time, ready once per tick.
   *
   * @return the future
   */
  public Future<Void> next() {
    return next;
  }

  /**
   * Polls for the next tick, as {@link #next()}'s future does.
   *
   * @param cx the polling task's context
   * @return ready at a tick, which arms the one after it
   */
  public Poll<Void> pollNext(Context cx) {
    TaskNode task = TickTimer.taskOf(cx, "Ticker");
    EmbeddedExecutor executor = task.executor();
    long now = executor.timeDriver().now();
    if (expiresAt == UNARMED) {
      expiresAt = TickInstant.saturatingAdd(now, period);
    }
    if (now >= expiresAt) {
      expiresAt = TickInstant.saturatingAdd(expiresAt, period);
      return Poll.ready();
    }
    executor.scheduleWake(task, expiresAt);
    return Poll.pending();
  }

  /** Restarts the ticker: the next tick is one period after the next poll. */
  public void reset() {
    expiresAt = UNARMED;
  }

  /**
   * The period, in ticks.
   *
   * @return ticks
   */
  public long periodTicks() {
    return period;
  }
}
