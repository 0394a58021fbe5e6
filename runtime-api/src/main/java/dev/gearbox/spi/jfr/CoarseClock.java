package dev.gearbox.spi.jfr;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that a daemon thread advances every tick, read by poll sites instead of {@link
 * System#nanoTime()}: a read is a load of one field. It runs only while slow polls are recorded;
 * stopped, it reads 0.
 */
final class CoarseClock {
  /*
   * Implementation notes.
   *
   * Ownership: `now` is written by the ticking thread only (and set to 0 by stop(), after which
   * that thread writes no more: it checks `ticker` before each write and stop() waits for it to
   * leave). Readers on any thread. `ticker` is written under the class lock (start, stop) and read
   * by the ticking thread, which leaves once it no longer reads itself there.
   *
   * A running clock never reads 0 (a nanoTime of 0 is stored as 1), so a poll site tells "no clock
   * at the start of the poll" from a start time, and never reports a poll that straddled a start of
   * the clock as slow. The tick is a tenth of the poll threshold, at least 1 ms and at most 10 ms:
   * a slow poll's duration is known to about a tick, and the ticking thread wakes at most 1000
   * times a second. A ticking thread that is not scheduled on time (every core busy) makes the
   * clock lag, and a ticking thread preempted between reading the time and publishing it makes
   * `now` older than it says: a poll that read a stale tick at its start would look longer than it
   * was. So the clock is only a filter. For each of the last RECENT ticks the ticking thread keeps
   * its value and a time read after it published it (`recentValues`, `recentPublished`, written
   * after publishing). A poll that read tick T at its start began before the next tick was
   * published, so before that tick's published time (publishedAfter): from there to the system
   * clock at the poll's end is a lower bound of its duration, never more than it took. An entry
   * read while being overwritten (a new value with an old published time) is skipped, since its
   * published time is then below its value.
   */
  private static final long MIN_TICK_NANOS = 1_000_000;
  private static final long MAX_TICK_NANOS = 10_000_000;

  private static final int RECENT = 64;

  private static volatile long now;
  private static final AtomicLongArray recentValues = new AtomicLongArray(RECENT);
  private static final AtomicLongArray recentPublished = new AtomicLongArray(RECENT);
  private static int nextSlot; // ticking thread only
  private static volatile Thread ticker;
  private static volatile long tickNanos = MIN_TICK_NANOS;

  private CoarseClock() {}

  /** The clock's time ({@link System#nanoTime()} at the last tick), or 0 while stopped. */
  static long now() {
    return now;
  }

  /** Starts ticking if not running. */
  static synchronized void start() {
    if (ticker != null) {
      return;
    }
    Thread thread =
        Thread.ofPlatform().daemon().name("gearbox-jfr-clock").unstarted(CoarseClock::tick);
    ticker = thread;
    now = readNanoTime();
    thread.start();
  }

  /** Stops ticking; the clock reads 0 once this returns. */
  static synchronized void stop() {
    Thread thread = ticker;
    if (thread == null) {
      return;
    }
    ticker = null;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    now = 0;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sets the tick from the poll threshold. */
  static void thresholdChanged(long thresholdNanos) {
    tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, thresholdNanos / 10));
  }

  private static void tick() {
    Thread self = Thread.currentThread();
    while (isTicker(self)) {
      long time = readNanoTime();
      now = time;
      long published = readNanoTime();
      recentValues.set(nextSlot, time);
      recentPublished.set(nextSlot, published);
      nextSlot = (nextSlot + 1) % RECENT;
      LockSupport.parkNanos(CoarseClock.class, tickNanos);
    }
  }

  /**
   * A time before which a poll that read {@code start} from {@link #now()} began: the published
   * time of the first recent tick after it (or a later one's, if that one is gone or being
   * written), or {@link Long#MAX_VALUE} if there is none.
   */
  static long publishedAfter(long start) {
    long firstValue = Long.MAX_VALUE;
    long published = Long.MAX_VALUE;
    for (int slot = 0; slot < RECENT; slot++) {
      long value = recentValues.get(slot);
      long after = recentPublished.get(slot);
      if (value - start > 0 && after - value >= 0 && value < firstValue) {
        firstValue = value;
        published = after;
      }
    }
    return published;
  }

  private static boolean isTicker(Thread thread) {
    return ticker == thread;
  }

  private static long readNanoTime() {
    long time = System.nanoTime();
    return time == 0 ? 1 : time;
  }
}
