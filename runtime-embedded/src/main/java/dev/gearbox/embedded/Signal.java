package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * The latest value, handed to the task that waits for it (Embassy's {@code Signal}): for an
 * interrupt (any thread) to tell a task that something happened. A new signal replaces a value not
 * yet taken. Allocation-free apart from {@link #next()}. Thread-safe.
 *
 * @param <T> the value type
 */
public final class Signal<T> {
  private final WakerSet waiters = new WakerSet(FixedChannel.DEFAULT_MAX_WAITERS);
  private T value;

  /** Creates a signal with no value. */
  public Signal() {}

  /**
   * Stores {@code value}, replacing one not yet taken, and wakes the waiting task; any thread.
   *
   * @param value the value, not null
   */
  public synchronized void signal(T value) {
    this.value = Objects.requireNonNull(value, "value");
    waiters.wakeAll();
  }

  /**
   * Takes the value, or registers the task to be woken at the next signal.
   *
   * @param cx the polling task's context
   * @return the value, or null if none (the task will be woken)
   */
  public synchronized T pollWait(Context cx) {
    T taken = value;
    if (taken == null) {
      waiters.register(cx.waker());
    } else {
      value = null;
    }
    return taken;
  }

  /**
   * Takes the value if there is one.
   *
   * @return the value, or null
   */
  public synchronized T tryTake() {
    T taken = value;
    value = null;
    return taken;
  }

  /**
   * Whether a value waits to be taken.
   *
   * @return true if signalled and not taken
   */
  public synchronized boolean isSignaled() {
    return value != null;
  }

  /** Drops a value not yet taken. */
  public synchronized void reset() {
    value = null;
  }

  /**
   * A future of the next value (taking it); allocates the future.
   *
   * @return the future
   */
  public Future<T> next() {
    return cx -> {
      T taken = pollWait(cx);
      return taken == null ? Poll.pending() : Poll.ready(taken);
    };
  }
}
