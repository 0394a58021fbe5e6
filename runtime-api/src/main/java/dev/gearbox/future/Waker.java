package dev.gearbox.future;

/**
 * Wakes a task so that its runtime polls it again.
 *
 * <p>{@link #wake()} is thread-safe, idempotent, cheap, and a no-op once the task finished. Waking
 * a task while it is being polled makes it run again after that poll, never concurrently. A task's
 * waker is the task object itself, so waking allocates nothing.
 */
@FunctionalInterface
public interface Waker {

  /** Schedules the task to be polled again. Callable from any thread, any number of times. */
  void wake();

  /**
   * Whether this waker and {@code other} wake the same task, so a future can skip re-registering
   * (Rust's {@code will_wake}). The default compares identity.
   *
   * @param other another waker, may be {@code null}
   * @return true if waking either has the same effect
   */
  default boolean willWake(Waker other) {
    return this == other;
  }

  /**
   * A waker that does nothing, for polling a future by hand in tests.
   *
   * @return the no-op waker
   */
  static Waker noop() {
    return NoopWaker.INSTANCE;
  }
}

/** The waker that does nothing. */
enum NoopWaker implements Waker {
  INSTANCE;

  @Override
  public void wake() {}
}
