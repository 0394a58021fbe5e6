package dev.gearbox.sync;

import dev.gearbox.future.Future;
import java.util.Objects;
import java.util.function.Function;

/**
 * An async mutual-exclusion lock around a value (Tokio's {@code Mutex}): {@link #lock()} waits
 * without blocking a thread, and the {@link Guard} it yields gives access to the value until it is
 * closed, so try-with-resources releases the lock. To hold it across awaits, {@link #withLock}
 * releases it however the future ends, abort included.
 *
 * <pre>{@code
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * Future<Void> add = names.lock().map(guard -> {
 *   try (guard) {
 *     guard.get().add("ada");
 *   }
 *   return null;
 * });
 * }</pre>
 *
 * <p>Hold a guard across awaits only when needed: while it is held, every other locker waits.
 *
 * <p>Fairness: FIFO, as Tokio's: the mutex is a {@link Semaphore} of one permit, so lockers get the
 * lock in the order they started waiting and {@link #tryLock()} never overtakes a waiter.
 *
 * <p>Cancellation: a lock future dropped while waiting leaves the queue; if the lock had already
 * been handed to it, it passes the lock on. Releasing the guard publishes the writes made under it
 * to the next holder (the release and acquire are a CAS or the semaphore's lock).
 *
 * <p>Cost: an uncontended lock and unlock are one CAS each and allocate the future and the guard;
 * see {@link Semaphore}. Thread-safe.
 *
 * @param <T> the type of the guarded value
 */
public final class Mutex<T> {
  private final Semaphore semaphore = new Semaphore(1);
  private T value;

  /**
   * Creates an unlocked mutex holding {@code value}.
   *
   * @param value the initial value, may be null
   */
  public Mutex(T value) {
    this.value = value;
  }

  /**
   * A future of the lock: completes with a guard once this caller holds the lock, in FIFO order.
   * Nothing happens until it is polled; dropped while waiting, it takes nothing.
   *
   * @return the future of the guard
   */
  public Future<Guard<T>> lock() {
    return new LockFuture<>(this);
  }

  /**
   * A future that takes the lock (as {@link #lock()}), then runs the future {@code body} makes with
   * the guard, and completes as that future does. The lock is released exactly once however it
   * ends: when the body completes or throws, or when this future is dropped (its task aborted, a
   * race lost, a timeout), whether it was still waiting or already holding the lock. So a guard
   * held across awaits never leaks, as one taken with {@code lock} and closed by hand would when
   * its task is aborted. The body must not keep the guard beyond its future.
   *
   * @param body makes the future to run under the lock, given the guard
   * @param <R> the body's output type
   * @return the scoped future
   */
  public <R> Future<R> withLock(Function<? super Guard<T>, ? extends Future<R>> body) {
    Objects.requireNonNull(body, "body");
    return new ScopedGuard<>(lock(), body);
  }

  /**
   * Takes the lock if it is free now and nobody waits for it. Lock-free: one CAS.
   *
   * @return the guard, or null if the lock is held or awaited
   */
  public Guard<T> tryLock() {
    return semaphore.tryTake(1) ? new Guard<>(this) : null;
  }

  /**
   * Whether the lock is held or awaited now; a snapshot, for monitoring and tests.
   *
   * @return true if a guard is out or a locker waits
   */
  public boolean isLocked() {
    return semaphore.availablePermits() == 0;
  }

  @Override
  public String toString() {
    return "Mutex[" + (isLocked() ? "locked]" : "unlocked]");
  }

  /**
   * Access to the value of a locked {@link Mutex}, until {@link #close()} releases the lock. Owned
   * by the task that locked: do not share it.
   *
   * @param <T> the type of the guarded value
   */
  public static final class Guard<T> implements AutoCloseable {
    private Mutex<T> mutex;

    private Guard(Mutex<T> mutex) {
      this.mutex = mutex;
    }

    /**
     * The guarded value.
     *
     * @return the value, may be null
     * @throws IllegalStateException if this guard was closed
     */
    public T get() {
      return held().value;
    }

    /**
     * Replaces the guarded value.
     *
     * @param value the new value, may be null
     * @throws IllegalStateException if this guard was closed
     */
    public void set(T value) {
      held().value = value;
    }

    /** Releases the lock, handing it to the oldest waiter if any. Idempotent. */
    @Override
    public void close() {
      Mutex<T> locked = mutex;
      if (locked != null) {
        mutex = null;
        locked.semaphore.release(1);
      }
    }

    private Mutex<T> held() {
      Mutex<T> locked = mutex;
      if (locked == null) {
        throw new IllegalStateException("this mutex guard was closed; lock again to use the value");
      }
      return locked;
    }
  }

  /** {@link Mutex#lock()}: an acquire of the one permit that completes with a guard. */
  private static final class LockFuture<T> extends Acquire<Guard<T>> {
    @Override
    String leaf() {
      return "Mutex.lock";
    }

    private final Mutex<T> mutex;

    LockFuture(Mutex<T> mutex) {
      super(mutex.semaphore, 1);
      this.mutex = mutex;
    }

    @Override
    Guard<T> granted() {
      return new Guard<>(mutex);
    }
  }
}
