package dev.gearbox.time;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock for tests whose time moves only when told to, as Tokio's {@code time::pause}: it starts
 * paused at reading 0, {@link #advance(Duration)} moves it forward, and a runtime that finds every
 * task waiting calls {@link #autoAdvanceTo(long)} to jump straight to the next timer, so a test of
 * an hour-long timeout runs in microseconds. {@link #resume()} lets it follow real time again (from
 * where it stood), {@link #pause()} freezes it once more.
 *
 * <p>Thread-safe: every method takes this clock's monitor for a few instructions, so readings are
 * monotonic across threads even while another thread pauses, resumes or advances it.
 */
public final class PausedClock implements Clock {
  /*
   * Implementation notes.
   *
   * All fields are guarded by `this`. The reading is `baseNanos` while paused, and `baseNanos` plus the
   * System.nanoTime() elapsed since `resumedAtNanos` while running. Pausing folds the running time
   * into `baseNanos`; advancing adds to `baseNanos` in either state. Because every reading and every
   * change happen under one monitor, a reading taken after a change sees it, and no reading exceeds a
   * later one (after Tokio's time/clock.rs, which keeps the same state under a mutex).
   */

  private long baseNanos;
  private long resumedAtNanos;
  private boolean paused = true;
  private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();

  /** Creates a clock paused at reading 0. */
  public PausedClock() {}

  @Override
  public synchronized long nanoTime() {
    if (paused) {
      return baseNanos;
    }
    return Clock.deadlineAfter(baseNanos, System.nanoTime() - resumedAtNanos);
  }

  /**
   * The current reading as the time since this clock's origin; same as {@link #nanoTime()}.
   *
   * @return the elapsed time, never negative
   */
  public Duration now() {
    return Duration.ofNanos(nanoTime());
  }

  /**
   * Whether time stands still.
   *
   * @return true while paused
   */
  public synchronized boolean isPaused() {
    return paused;
  }

  /** Freezes the clock at its current reading. Does nothing if already paused. */
  public synchronized void pause() {
    if (!paused) {
      baseNanos = nanoTime();
      paused = true;
    }
  }

  /** Lets the clock follow real time again from its current reading. Does nothing if running. */
  public synchronized void resume() {
    if (paused) {
      resumedAtNanos = System.nanoTime();
      paused = false;
    }
  }

  /**
   * Moves the clock forward by {@code by}, paused or not. Constant time. Timers that become due
   * fire when their runtime next drives its timer wheel.
   *
   * @param by how far to move; zero is allowed
   * @throws NullPointerException if {@code by} is null
   * @throws IllegalArgumentException if {@code by} is negative (time never goes back), or so long
   *     that the reading would overflow
   */
  public void advance(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException(
          "advance(" + by + "): the duration must be zero or positive; time never goes back");
    }
    synchronized (this) {
      try {
        baseNanos = Math.addExact(baseNanos, by.toNanos());
      } catch (ArithmeticException tooLong) {
        throw new IllegalArgumentException(
            "advance(" + by + "): the reading would overflow; the most is " + maxAdvance(),
            tooLong);
      }
    }
    for (Runnable listener : advanceListeners) {
      listener.run();
    }
  }

  /**
   * Calls {@code listener} after every {@link #advance}, outside this clock's monitor, on the
   * advancing thread. A runtime driven by this clock registers its driver's wake-up here, so timers
   * made due by an advance from any thread fire without waiting for other work.
   *
   * @param listener what to run after an advance; must be quick and must not throw
   * @throws NullPointerException if {@code listener} is null
   */
  public void onAdvance(Runnable listener) {
    advanceListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Jumps a paused clock to {@code deadlineNanos}, typically the runtime's next timer deadline. A
   * runtime calls this when every task waits, so the next timer fires without real waiting (Tokio's
   * auto-advance). Constant time.
   *
   * @param deadlineNanos the reading to jump to
   * @return true if the clock moved; false if it is running, the deadline is {@link
   *     Long#MAX_VALUE}, where {@link Clock#deadlineAfter} saturates (nothing to wait for: the
   *     tasks wait on something else, or are deadlocked), or the deadline is not after the current
   *     reading
   */
  public synchronized boolean autoAdvanceTo(long deadlineNanos) {
    if (!paused || deadlineNanos == Long.MAX_VALUE || deadlineNanos <= baseNanos) {
      return false;
    }
    baseNanos = deadlineNanos;
    return true;
  }

  private Duration maxAdvance() {
    return Duration.ofNanos(Long.MAX_VALUE - nanoTime());
  }

  @Override
  public synchronized String toString() {
    return "PausedClock[" + now() + (paused ? ", paused]" : ", running]");
  }
}
