package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.function.Function;

/**
 * The future behind {@link Semaphore#withPermits}, {@link Mutex#withLock}, {@link RwLock#withRead}
 * and {@link RwLock#withWrite}: acquires a guard, runs the body's future while holding it, and
 * closes the guard exactly once however the future ends: Ready, a throw, or a drop (an aborted
 * task, a lost race, a timeout) while acquiring or while holding.
 *
 * <p>Implementation notes. Phases: ACQUIRING (polling {@code acquire}), HOLDING (the guard is ours,
 * polling {@code body}), DONE. Every exit from HOLDING goes through {@link #release()}, which
 * clears {@code guard} before closing it, so no path closes it twice; a body that closed the guard
 * itself is harmless, as every guard's close is idempotent. A body that throws is dropped before
 * the guard is closed (what it holds may use the guarded resource); a drop while acquiring drops
 * the acquire, which gives back anything already granted to it. Owned by the polling task; not
 * thread-safe.
 *
 * @param <G> the guard type
 * @param <T> the body's output type
 */
final class ScopedGuard<G extends AutoCloseable, T> implements Future<T> {
  private Future<G> acquire;
  private Function<? super G, ? extends Future<T>> start;
  private G guard;
  private Future<T> body;

  ScopedGuard(Future<G> acquire, Function<? super G, ? extends Future<T>> start) {
    this.acquire = acquire;
    this.start = start;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    if (acquire != null) {
      Poll<G> acquired = acquire.poll(cx);
      if (!(acquired instanceof Poll.Ready<G>(G held))) {
        return Poll.pending();
      }
      acquire = null;
      guard = held;
      Function<? super G, ? extends Future<T>> makeBody = start;
      start = null;
      try {
        body = makeBody.apply(held);
        if (body == null) {
          throw new NullPointerException("the body function returned null for " + held);
        }
      } catch (RuntimeException | Error failure) {
        release(failure);
        throw failure;
      }
    }
    if (body == null) {
      throw new IllegalStateException("a scoped guard future was polled after it finished");
    }
    Poll<T> poll;
    try {
      poll = body.poll(cx);
    } catch (Exception | Error failure) {
      dropBody(failure);
      release(failure);
      throw failure;
    }
    if (poll.isReady()) {
      body = null;
      release(null);
    }
    return poll;
  }

  @Override
  public void drop() {
    if (acquire != null) {
      Future<G> waiting = acquire;
      acquire = null;
      start = null;
      waiting.drop();
      return;
    }
    try {
      dropBody(null);
    } finally {
      release(null);
    }
  }

  /** Drops the body, if any: it threw, or the whole future is dropped while holding the guard. */
  private void dropBody(Throwable failure) {
    Future<T> held = body;
    body = null;
    if (held == null) {
      return;
    }
    try {
      held.drop();
    } catch (RuntimeException dropFailure) {
      if (failure == null) {
        throw dropFailure;
      }
      if (dropFailure != failure) {
        failure.addSuppressed(dropFailure);
      }
    }
  }

  /** Closes the guard, once: it is cleared first. A failure of close joins {@code failure}. */
  private void release(Throwable failure) {
    G held = guard;
    guard = null;
    if (held == null) {
      return;
    }
    try {
      held.close();
    } catch (Exception closeFailure) {
      if (failure != null) {
        failure.addSuppressed(closeFailure);
      } else if (closeFailure instanceof RuntimeException unchecked) {
        throw unchecked;
      } else {
        throw new IllegalStateException("closing " + held + " failed", closeFailure);
      }
    }
  }

  @Override
  public String toString() {
    String phase = acquire != null ? "acquiring" : guard != null ? "holding " + guard : "done";
    return "ScopedGuard[" + phase + "]";
  }
}
