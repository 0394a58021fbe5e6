package dev.gearbox.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when {@link #advance advanced}: for deterministic tests of device logic. An
 * advance wakes every executor on this driver; each fires its due timers at its next step (at once
 * for an executor on its own thread; at the next {@link EmbeddedExecutor#runUntilIdle()} for one
 * driven by hand). Thread-safe.
 */
public final class ManualTimeDriver implements TimeDriver {
  private final AtomicLong now;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Creates a driver reading 0 ticks. */
  public ManualTimeDriver() {
    this(0);
  }

  /**
   * Creates a driver reading {@code startTicks}.
   *
   * @param startTicks the first reading, at least 0
   * @throws IllegalArgumentException if negative
   */
  public ManualTimeDriver(long startTicks) {
    if (startTicks < 0) {
      throw new IllegalArgumentException("start must be at least 0 ticks, got " + startTicks);
    }
    this.now = new AtomicLong(startTicks);
  }

  @Override
  public long now() {
    return now.get();
  }

  @Override
  public long nanosUntil(long deadlineTicks) {
    return deadlineTicks <= now.get() ? 0 : Long.MAX_VALUE;
  }

  @Override
  public void onAdvance(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Moves time forward by {@code ticks} and wakes the executors on this driver, so timers due by
   * the new reading fire.
   *
   * @param ticks at least 0
   * @return the new reading
   * @throws IllegalArgumentException if negative
   */
  public long advance(long ticks) {
    if (ticks < 0) {
      throw new IllegalArgumentException("cannot advance time by a negative " + ticks + " ticks");
    }
    long reading = now.accumulateAndGet(ticks, TickInstant::saturatingAdd);
    for (Runnable listener : listeners) {
      listener.run();
    }
    return reading;
  }

  /**
   * Moves time forward by {@code duration}; see {@link #advance(long)}.
   *
   * @param duration how far
   * @return the new reading
   */
  public long advance(TickDuration duration) {
    return advance(duration.ticks());
  }

  @Override
  public String toString() {
    return "ManualTimeDriver[now=" + now() + " ticks]";
  }
}
