package dev.gearbox.sync;

import dev.gearbox.future.Future;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An async counting semaphore (Tokio's {@code Semaphore}): tasks {@link #acquire(int) acquire}
 * permits, waiting without blocking a thread while too few are available, and give them back by
 * closing the {@link SemaphorePermit}.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * Future<Response> call = connections.withPermit(() -> fetch());  // released however it ends
 * }</pre>
 *
 * <p>Fairness: strictly FIFO. Waiters are served in the order they started waiting; a waiter for
 * many permits is given permits as they are released until it has them all, and while anyone waits,
 * {@link #tryAcquire} fails and new acquirers queue behind, so a large request is never starved by
 * small ones.
 *
 * <p>Cancellation: an acquire future dropped while waiting leaves the queue and gives back the
 * permits it was already given, to the next waiters; one dropped after its permits were granted
 * (but before its poll returned them) releases them the same way. No permit is ever lost.
 *
 * <p>Cost: acquiring and releasing permits that are free, with nobody waiting, is one CAS on one
 * state word and takes no lock; waiting and releasing to waiters take the semaphore's lock once.
 * Acquiring allocates its future and the permit. Thread-safe.
 */
public final class Semaphore {
  /*
   * Implementation notes (after Tokio's sync/batch_semaphore.rs).
   *
   * `state` packs the free permits (state >>> PERMIT_SHIFT) with two flags: CLOSED, and
   * HAS_WAITERS, set while the queue of waiters is non-empty. Invariant: HAS_WAITERS => no free
   * permits in `state`: a waiter enqueues (under the lock) by taking every free permit towards its
   * request in the same CAS that sets HAS_WAITERS, and releases while it is set go through the lock,
   * which hands them to the oldest waiters first (Acquire.needed counts what each still lacks) and
   * only puts the rest back into `state`, clearing HAS_WAITERS, once the queue is empty. So the
   * fast paths (tryAcquire, and release with nobody waiting) are lock-free CASes that can never
   * overtake a waiter: FIFO.
   *
   * Threads: `state` any thread, CAS; `waiters` and every field of Acquire except `phase` under
   * `lock`; Acquire.phase written under the lock, read by its owner without it. Wakers are woken
   * after the lock is released.
   */

  /** The most permits a semaphore holds, and one acquire asks for. */
  public static final int MAX_PERMITS = Integer.MAX_VALUE >>> 2;

  static final int CLOSED = 1;
  static final int HAS_WAITERS = 1 << 1;
  static final int PERMIT_SHIFT = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Semaphore.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ReentrantLock lock = new ReentrantLock();
  final WaitQueue<Acquire<?>> waiters = new WaitQueue<>();
  private volatile int state;

  /**
   * Creates a semaphore with {@code permits} free permits.
   *
   * @param permits the initial permits, from 0 to {@link #MAX_PERMITS}
   * @throws IllegalArgumentException if {@code permits} is outside that range
   */
  public Semaphore(int permits) {
    if (permits < 0 || permits > MAX_PERMITS) {
      throw new IllegalArgumentException(
          "permits must be from 0 to " + MAX_PERMITS + ", but was " + permits);
    }
    this.state = permits << PERMIT_SHIFT;
  }

  /**
   * A future of one permit; see {@link #acquire(int)}.
   *
   * @return the future of the permit
   */
  public Future<SemaphorePermit> acquire() {
    return acquire(1);
  }

  /**
   * A future that completes with {@code permits} permits once they are granted, in FIFO order. It
   * fails with {@link SemaphoreClosedException} if the semaphore is closed before that. Nothing
   * happens until it is polled; dropping it while it waits gives back what it was granted.
   *
   * @param permits how many, from 1 to {@link #MAX_PERMITS}
   * @return the future of the permits
   * @throws IllegalArgumentException if {@code permits} is outside that range
   */
  public Future<SemaphorePermit> acquire(int permits) {
    checkRequest(permits);
    return new Acquire.OfPermit(this, permits);
  }

  /**
   * A future that runs {@code body}'s future while holding one permit; see {@link #withPermits(int,
   * Supplier)}.
   *
   * @param body makes the future to run with the permit held, called once the permit is granted
   * @param <T> the body's output type
   * @return the scoped future
   */
  public <T> Future<T> withPermit(Supplier<? extends Future<T>> body) {
    return withPermits(1, body);
  }

  /**
   * A future that acquires {@code permits} permits (as {@link #acquire(int)}), then runs the future
   * {@code body} makes while holding them, and completes as that future does. The permits are given
   * back exactly once however it ends: when the body completes or throws, or when this future is
   * dropped (its task aborted, a race lost, a timeout), whether it was still waiting or already
   * holding them. So a permit held across awaits never leaks, as one taken with {@code acquire} and
   * closed by hand would when its task is aborted.
   *
   * <pre>{@code
   * Future<Response> call = connections.withPermit(() -> client.fetch(url));
   * }</pre>
   *
   * @param permits how many, from 1 to {@link #MAX_PERMITS}
   * @param body makes the future to run with the permits held, called once they are granted
   * @param <T> the body's output type
   * @return the scoped future
   * @throws IllegalArgumentException if {@code permits} is outside that range
   */
  public <T> Future<T> withPermits(int permits, Supplier<? extends Future<T>> body) {
    Objects.requireNonNull(body, "body");
    return new ScopedGuard<>(acquire(permits), permit -> body.get());
  }

  /**
   * Takes one permit if it is free now; see {@link #tryAcquire(int)}.
   *
   * @return the permit, or null if none is free or others wait
   * @throws SemaphoreClosedException if the semaphore is closed
   */
  public SemaphorePermit tryAcquire() {
    return tryAcquire(1);
  }

  /**
   * Takes {@code permits} permits if they are free now and nobody waits (never overtaking a
   * waiter). Lock-free: one CAS.
   *
   * @param permits how many, from 1 to {@link #MAX_PERMITS}
   * @return the permits, or null if too few are free or others wait
   * @throws IllegalArgumentException if {@code permits} is outside that range
   * @throws SemaphoreClosedException if the semaphore is closed
   */
  public SemaphorePermit tryAcquire(int permits) {
    checkRequest(permits);
    return tryTake(permits) ? new SemaphorePermit(this, permits) : null;
  }

  /**
   * Adds {@code permits} new permits, handing them to waiters first (Tokio's {@code add_permits});
   * also how a {@link SemaphorePermit} gives its permits back. Lock-free when nobody waits.
   *
   * @param permits how many to add, at least 0
   * @throws IllegalArgumentException if {@code permits} is negative, or the semaphore would hold
   *     more than {@link #MAX_PERMITS}
   */
  public void release(int permits) {
    if (permits < 0) {
      throw new IllegalArgumentException(
          "permits to release must be 0 or more, but was " + permits);
    }
    if (permits == 0) {
      return;
    }
    int current = state;
    while ((current & HAS_WAITERS) == 0) {
      int witness = casState(current, addPermits(current, permits));
      if (witness == current) {
        return;
      }
      current = witness;
    }
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      releaseLocked(permits, wakers);
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
  }

  /**
   * The permits free now (0 while anyone waits). A snapshot, for monitoring.
   *
   * @return the free permits
   */
  public int availablePermits() {
    return state >>> PERMIT_SHIFT;
  }

  /**
   * Closes the semaphore: waiting and later acquires fail with {@link SemaphoreClosedException};
   * permits already granted stay valid and may still be released. Idempotent.
   */
  public void close() {
    int prior = (int) STATE.getAndBitwiseOr(this, CLOSED);
    if ((prior & CLOSED) != 0) {
      return;
    }
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      int given = 0;
      for (Acquire<?> waiter = waiters.pollFirst(); waiter != null; waiter = waiters.pollFirst()) {
        given += waiter.permits - waiter.needed;
        waiter.phase = Acquire.IDLE; // its next poll sees CLOSED and fails
        wakers.add(waiter.takeWaker());
      }
      clearWaitersFlag(given);
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return (state & CLOSED) != 0;
  }

  @Override
  public String toString() {
    int current = state;
    return "Semaphore[permits="
        + (current >>> PERMIT_SHIFT)
        + ((current & HAS_WAITERS) != 0 ? ", waiters" : "")
        + ((current & CLOSED) != 0 ? ", closed]" : "]");
  }

  // ---- package-private: used by Acquire, Mutex and RwLock

  int state() {
    return state;
  }

  int casState(int expected, int next) {
    return (int) STATE.compareAndExchange(this, expected, next);
  }

  /** The lock-free fast path: takes {@code permits} if free and nobody waits. */
  boolean tryTake(int permits) {
    int current = state;
    while (true) {
      if ((current & CLOSED) != 0) {
        throw new SemaphoreClosedException("semaphore closed");
      }
      if ((current & HAS_WAITERS) != 0 || (current >>> PERMIT_SHIFT) < permits) {
        return false;
      }
      int witness = casState(current, current - (permits << PERMIT_SHIFT));
      if (witness == current) {
        return true;
      }
      current = witness;
    }
  }

  /** Hands {@code permits} to the oldest waiters, the rest back to the state. Under the lock. */
  void releaseLocked(int permits, WakeList wakers) {
    int remaining = permits;
    for (Acquire<?> first = waiters.peekFirst(); first != null && remaining > 0; ) {
      int given = Math.min(remaining, first.needed);
      first.needed -= given;
      remaining -= given;
      if (first.needed > 0) {
        break;
      }
      waiters.remove(first);
      first.phase = Acquire.GRANTED;
      wakers.add(first.takeWaker());
      first = waiters.peekFirst();
    }
    if (waiters.isEmpty()) {
      clearWaitersFlag(remaining);
    }
  }

  /** With the queue empty: clears HAS_WAITERS and adds {@code permits}. Under the lock. */
  private void clearWaitersFlag(int permits) {
    int current = state;
    while (true) {
      int witness = casState(current, addPermits(current & ~HAS_WAITERS, permits));
      if (witness == current) {
        return;
      }
      current = witness;
    }
  }

  private static int addPermits(int current, int permits) {
    int free = current >>> PERMIT_SHIFT;
    if (permits > MAX_PERMITS - free) {
      throw new IllegalArgumentException(
          "releasing "
              + permits
              + " permits to a semaphore with "
              + free
              + " free would exceed MAX_PERMITS ("
              + MAX_PERMITS
              + ")");
    }
    return current + (permits << PERMIT_SHIFT);
  }

  private static void checkRequest(int permits) {
    if (permits < 1 || permits > MAX_PERMITS) {
      throw new IllegalArgumentException(
          "permits to acquire must be from 1 to " + MAX_PERMITS + ", but was " + permits);
    }
  }
}
