package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * An async mutex around a value (Embassy's {@code Mutex}): a task that finds it locked is woken
 * when it is unlocked, never blocks its executor's thread. {@link #pollLock} and {@link #unlock}
 * allocate nothing, and its waiters live in a waker set of fixed size, unlike {@link
 * dev.gearbox.sync.Mutex}, the API's mutex. Not reentrant; not fair (the woken tasks race for it).
 * Thread-safe.
 *
 * @param <T> the guarded value's type
 */
public final class FixedMutex<T> {
  private final WakerSet waiters;
  private T value;
  private boolean locked;

  /**
   * Creates an unlocked mutex around {@code value}.
   *
   * @param value the guarded value, may be null
   */
  public FixedMutex(T value) {
    this.value = value;
    this.waiters = new WakerSet(FixedChannel.DEFAULT_MAX_WAITERS);
  }

  /**
   * Locks the mutex if it is free.
   *
   * @return true if the caller now holds it
   */
  public synchronized boolean tryLock() {
    if (locked) {
      return false;
    }
    locked = true;
    return true;
  }

  /**
   * Locks the mutex, or registers the task to be woken when it is unlocked.
   *
   * @param cx the polling task's context
   * @return true if the task now holds it
   */
  public synchronized boolean pollLock(Context cx) {
    if (tryLock()) {
      return true;
    }
    waiters.register(cx.waker());
    return false;
  }

  /**
   * A future that completes holding the lock; allocates the future. Call {@link #unlock()} after.
   *
   * @return the future, ready with this mutex
   */
  public Future<FixedMutex<T>> lock() {
    return cx -> pollLock(cx) ? Poll.ready(this) : Poll.pending();
  }

  /**
   * The guarded value; only while holding the lock.
   *
   * @return the value
   * @throws IllegalStateException if unlocked
   */
  public synchronized T get() {
    checkLocked("get");
    return value;
  }

  /**
   * Replaces the guarded value; only while holding the lock.
   *
   * @param newValue the value
   * @throws IllegalStateException if unlocked
   */
  public synchronized void set(T newValue) {
    checkLocked("set");
    value = newValue;
  }

  /**
   * Unlocks the mutex and wakes the tasks waiting for it.
   *
   * @throws IllegalStateException if it was not locked
   */
  public synchronized void unlock() {
    checkLocked("unlock");
    locked = false;
    waiters.wakeAll();
  }

  /**
   * Whether some task holds the lock now.
   *
   * @return true if locked
   */
  public synchronized boolean isLocked() {
    return locked;
  }

  private void checkLocked(String operation) {
    if (!locked) {
      throw new IllegalStateException(
          "FixedMutex." + operation + "() needs the lock held; it is free");
    }
  }
}
