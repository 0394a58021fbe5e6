package dev.gearbox.spi;

import java.time.Duration;

/**
 * Waiting for a runtime's own threads to end, shared by the runtimes' {@code shutdown(timeout)}.
 */
public final class RuntimeThreads {
  private RuntimeThreads() {}

  /**
   * Waits until every thread of {@code threads} has ended, or {@code deadlineNanos} passed.
   *
   * @param threads the threads; null entries are skipped
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if all ended; false on the deadline, or if the calling thread is one of them (a
   *     thread cannot wait for itself to end)
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean join(Iterable<? extends Thread> threads, long deadlineNanos)
      throws InterruptedException {
    for (Thread thread : threads) {
      if (thread == null || !thread.isAlive()) {
        continue;
      }
      if (thread == Thread.currentThread()) {
        return false;
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0 || !thread.join(Duration.ofNanos(remaining))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every thread of {@code threads} has ended.
   *
   * @param threads the threads; null entries count as ended
   * @return true if none is alive
   */
  public static boolean allEnded(Iterable<? extends Thread> threads) {
    for (Thread thread : threads) {
      if (thread != null && thread.isAlive()) {
        return false;
      }
    }
    return true;
  }
}
