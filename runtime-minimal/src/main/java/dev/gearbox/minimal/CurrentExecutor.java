package dev.gearbox.minimal;

/**
 * Which executor the current thread is running ({@link SharedExecutor#run} or {@link
 * LocalExecutor#run}), so that wakes from a runner go to its local queue and a thread never blocks
 * in a second {@code run} while it drives one.
 */
final class CurrentExecutor {
  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  private CurrentExecutor() {}

  /**
   * The runner or local executor the current thread runs, or null.
   *
   * @return the runner or local executor of the current thread
   */
  static Object current() {
    return CURRENT.get();
  }

  /**
   * Marks the current thread as running {@code runner} (a {@link Runner} or a {@link
   * LocalExecutor}).
   *
   * @throws IllegalStateException if it already runs an executor: blocking it would stall that one
   */
  static void enter(Object runner, String operation) {
    Object running = CURRENT.get();
    if (running != null) {
      throw new IllegalStateException(
          operation
              + " would block thread '"
              + Thread.currentThread().getName()
              + "', which is running "
              + running
              + "; await the future inside the task instead");
    }
    CURRENT.set(runner);
  }

  /** Clears the mark set by {@link #enter}. */
  static void exit() {
    CURRENT.remove();
  }
}
