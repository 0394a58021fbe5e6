package dev.gearbox.sync;

import dev.gearbox.future.Future;
import java.util.Objects;
import java.util.function.Function;

/**
 * An async reader-writer lock around a value (Tokio's {@code RwLock}): many readers or one writer
 * at a time; {@link #read()} and {@link #write()} wait without blocking a thread, and the guards
 * they yield release the lock when closed, so try-with-resources releases it.
 *
 * <p>Fairness: FIFO, as Tokio's: the lock is a {@link Semaphore} of {@link #MAX_READERS} permits; a
 * reader takes one, a writer takes them all. Lockers are served in the order they started waiting,
 * so a waiting writer holds back readers that come after it and is never starved by a stream of
 * readers; readers queued together behind a writer proceed together once it leaves.
 *
 * <p>Cancellation: a lock future dropped while waiting leaves the queue and gives back what it was
 * granted, to the next waiters. Closing a guard publishes the writes made under it.
 *
 * <p>Cost: uncontended read and write locks are one CAS each, as are their releases. Thread-safe.
 *
 * @param <T> the type of the guarded value
 */
public final class RwLock<T> {
  /** The most readers that hold the lock at once; more wait. */
  public static final int MAX_READERS = Semaphore.MAX_PERMITS;

  private final Semaphore semaphore = new Semaphore(MAX_READERS);
  private T value;

  /**
   * Creates an unlocked lock holding {@code value}.
   *
   * @param value the initial value, may be null
   */
  public RwLock(T value) {
    this.value = value;
  }

  /**
   * A future of shared read access, in FIFO order with writers. Dropped while waiting, it takes
   * nothing.
   *
   * @return the future of a read guard
   */
  public Future<ReadGuard<T>> read() {
    return new GuardFuture<>(this, 1);
  }

  /**
   * A future of exclusive write access, in FIFO order. Dropped while waiting, it gives back the
   * read permits it had already gathered.
   *
   * @return the future of a write guard
   */
  public Future<WriteGuard<T>> write() {
    return new GuardFuture<>(this, MAX_READERS);
  }

  /**
   * A future that takes a read lock (as {@link #read()}), then runs the future {@code body} makes
   * with the guard, and completes as that future does; the lock is released exactly once however it
   * ends, a drop while waiting or holding included (see {@link Mutex#withLock}).
   *
   * @param body makes the future to run under the read lock, given the guard
   * @param <R> the body's output type
   * @return the scoped future
   */
  public <R> Future<R> withRead(Function<? super ReadGuard<T>, ? extends Future<R>> body) {
    Objects.requireNonNull(body, "body");
    return new ScopedGuard<>(read(), body);
  }

  /**
   * A future that takes the write lock (as {@link #write()}), then runs the future {@code body}
   * makes with the guard, and completes as that future does; the lock is released exactly once
   * however it ends, a drop while waiting or holding included (see {@link Mutex#withLock}).
   *
   * @param body makes the future to run under the write lock, given the guard
   * @param <R> the body's output type
   * @return the scoped future
   */
  public <R> Future<R> withWrite(Function<? super WriteGuard<T>, ? extends Future<R>> body) {
    Objects.requireNonNull(body, "body");
    return new ScopedGuard<>(write(), body);
  }

  /**
   * Takes a read lock if it is free now and nobody waits. Lock-free.
   *
   * @return the guard, or null if a writer holds or awaits the lock
   */
  public ReadGuard<T> tryRead() {
    return semaphore.tryTake(1) ? new ReadGuard<>(this) : null;
  }

  /**
   * Takes the write lock if nobody holds or awaits the lock. Lock-free.
   *
   * @return the guard, or null if the lock is held or awaited
   */
  public WriteGuard<T> tryWrite() {
    return semaphore.tryTake(MAX_READERS) ? new WriteGuard<>(this) : null;
  }

  @Override
  public String toString() {
    return "RwLock[" + semaphore + "]";
  }

  /**
   * Shared access to the value until {@link #close()}. Owned by the task that locked.
   *
   * @param <T> the type of the guarded value
   */
  public static final class ReadGuard<T> implements AutoCloseable {
    private RwLock<T> lock;

    private ReadGuard(RwLock<T> lock) {
      this.lock = lock;
    }

    /**
     * The guarded value; readers must not mutate it unless it is thread-safe.
     *
     * @return the value, may be null
     * @throws IllegalStateException if this guard was closed
     */
    public T get() {
      RwLock<T> held = lock;
      if (held == null) {
        throw new IllegalStateException("this read guard was closed; lock again to read");
      }
      return held.value;
    }

    /** Releases this read lock. Idempotent. */
    @Override
    public void close() {
      RwLock<T> held = lock;
      if (held != null) {
        lock = null;
        held.semaphore.release(1);
      }
    }
  }

  /**
   * Exclusive access to the value until {@link #close()}. Owned by the task that locked.
   *
   * @param <T> the type of the guarded value
   */
  public static final class WriteGuard<T> implements AutoCloseable {
    private RwLock<T> lock;

    private WriteGuard(RwLock<T> lock) {
      this.lock = lock;
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

    /** Releases the write lock, letting the next waiters in. Idempotent. */
    @Override
    public void close() {
      RwLock<T> held = lock;
      if (held != null) {
        lock = null;
        held.semaphore.release(MAX_READERS);
      }
    }

    private RwLock<T> held() {
      RwLock<T> held = lock;
      if (held == null) {
        throw new IllegalStateException("this write guard was closed; lock again to write");
      }
      return held;
    }
  }

  /** The acquire behind {@link #read()} (one permit) and {@link #write()} (all of them). */
  private static final class GuardFuture<G> extends Acquire<G> {
    @Override
    String leaf() {
      return "RwLock.lock";
    }

    private final RwLock<?> lock;

    GuardFuture(RwLock<?> lock, int permits) {
      super(lock.semaphore, permits);
      this.lock = lock;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    G granted() {
      return permits == 1 ? (G) new ReadGuard(lock) : (G) new WriteGuard(lock);
    }
  }
}
