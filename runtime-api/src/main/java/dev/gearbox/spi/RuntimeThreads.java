package dev.gearbox.spi;

import java.time.Duration;

/**
 * Waiting for a runtime's own threads to end, shared by the runtimes' {@code shutdown(timeout)}.
 */
public final class RuntimeThreads {
  private RuntimeThreads() {}

  /**
   * Waits until every thread of {@code threads} other than the calling one has ended, or {@code
   * deadlineNanos} passed. The calling thread, if it is one of them, is skipped: a thread cannot
   * wait for itself to end, so whether that means the runtime did not terminate is the caller's
   * decision ({@link AbstractRuntime#shutdown(java.time.Duration)} returns false).
   *
   * @param threads the threads; null entries are skipped
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if all the others ended; false on the deadline
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean join(Iterable<? extends Thread> threads, long deadlineNanos)
      throws InterruptedException {
    for (Thread thread : threads) {
      if (thread == null || thread == Thread.currentThread() || !thread.isAlive()) {
        continue;
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0 || !thread.join(Duration.ofNanos(remaining))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the calling thread is one of {@code threads}.
   *
   * @param threads the threads; null entries are skipped
   * @return true if the calling thread is among them
   */
  public static boolean includesCurrent(Iterable<? extends Thread> threads) {
    Thread current = Thread.currentThread();
    for (Thread thread : threads) {
      if (thread == current) {
        return true;
      }
    }
    return false;
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
