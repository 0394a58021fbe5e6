package dev.gearbox.fiber;

import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.FiberCancelledException;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * Fibers whose lifetime ends with a block, as the JDK's {@code StructuredTaskScope} and Kotlin's
 * {@code coroutineScope}: fork fibers inside a try-with-resources block; the first failure cancels
 * the others; {@link #join()} waits for all and throws that failure; closing the scope cancels what
 * is left and waits until every fork has ended, so no fiber outlives its block.
 *
 * <pre>{@code
 * try (FiberScope scope = FiberScope.open()) {
 *   JoinHandle<User> user = scope.fork(() -> loadUser(id));
 *   JoinHandle<List<Order>> orders = scope.fork(() -> loadOrders(id));
 *   scope.join();                       // throws the first failure, the other fork cancelled
 *   return render(user.join(), orders.join());
 * }
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it: fork, join and close from that thread (a fiber,
 * or a plain thread outside the runtime's workers).
 */
public final class FiberScope implements AutoCloseable {
  /*
   * Implementation notes: `forks` (the forks still running: each removes itself as its body ends)
   * and `closed` are guarded by `this`; `firstFailure` is set once
   * by the first fork that fails (not by cancellations), which then cancels the forks registered
   * so far and every later fork at registration. close() waits with an uninterruptible join, so a
   * cancelled owner still waits for its forks to unwind before its own block exits.
   */
  private final Runtime runtime;
  private final Set<JoinHandle<?>> forks = new LinkedHashSet<>(); // alive ones, in fork order
  private Throwable firstFailure;
  private boolean closed;

  private FiberScope(Runtime runtime) {
    this.runtime = runtime;
  }

  /**
   * Opens a scope whose forks run on the current runtime.
   *
   * @return the scope
   * @throws IllegalStateException on a thread of no runtime: use {@link #open(Runtime)}
   */
  public static FiberScope open() {
    Runtime runtime = CurrentRuntime.get();
    if (runtime == null) {
      throw new IllegalStateException(
          "FiberScope.open() on thread '"
              + Thread.currentThread().getName()
              + "', which belongs to no runtime: use FiberScope.open(runtime)");
    }
    return new FiberScope(runtime);
  }

  /**
   * Opens a scope whose forks run on {@code runtime}.
   *
   * @param runtime the runtime of the forks
   * @return the scope
   */
  public static FiberScope open(Runtime runtime) {
    return new FiberScope(Objects.requireNonNull(runtime, "runtime"));
  }

  /**
   * Forks {@code body} as a fiber of this scope. If a fork already failed, the new fiber is
   * cancelled before it runs.
   *
   * @param body the fiber's code
   * @param <T> its result type
   * @return the fork's handle
   * @throws IllegalStateException if the scope is closed
   */
  public <T> JoinHandle<T> fork(Callable<T> body) {
    Objects.requireNonNull(body, "body");
    JoinHandle<T> handle;
    JoinHandle<?>[] self = new JoinHandle<?>[1];
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("fork on a closed FiberScope");
      }
      handle =
          runtime.spawnFiber(
              () -> {
                try {
                  return body.call();
                } catch (Throwable failure) {
                  if (!(failure instanceof FiberCancelledException)) {
                    failed(failure);
                  }
                  throw failure;
                } finally {
                  forget(self);
                }
              });
      handle.toCompletableFuture(); // the scope joins its forks: their failures are not unjoined
      if (!handle.isFinished()) {
        self[0] = handle;
        forks.add(handle);
      }
      if (firstFailure != null) {
        handle.abort();
      }
    }
    return handle;
  }

  /** Drops an ended fork, so a long-lived scope holds only the forks still running. */
  private synchronized void forget(JoinHandle<?>[] self) {
    if (self[0] != null) {
      forks.remove(self[0]);
    }
  }

  private void failed(Throwable failure) {
    List<JoinHandle<?>> others;
    synchronized (this) {
      if (firstFailure != null) {
        return;
      }
      firstFailure = failure;
      others = List.copyOf(forks);
    }
    others.forEach(JoinHandle::abort);
  }

  /**
   * Waits until every fork has ended, then throws the first failure, if any: as it is when
   * unchecked, else wrapped in a {@link CompletionException}.
   *
   * @throws FiberCancelledException if the calling fiber is cancelled while it waits (close the
   *     scope, as try-with-resources does, to cancel and wait for the forks)
   */
  public void join() {
    for (JoinHandle<?> fork : snapshot()) {
      try {
        if (Fiber.isFiber()) {
          Fiber.await(fork);
        } else {
          fork.join();
        }
      } catch (JoinException ended) {
        // a failure is reported below, once; a cancellation is not a failure of the scope
      }
    }
    Throwable failure;
    synchronized (this) {
      failure = firstFailure;
    }
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new CompletionException(failure);
    }
  }

  /**
   * Cancels every fork still running and waits until all have ended (their {@code finally} blocks
   * ran). Idempotent; later forks are refused.
   */
  @Override
  public void close() {
    List<JoinHandle<?>> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(forks);
    }
    for (JoinHandle<?> fork : all) {
      fork.abort();
    }
    for (JoinHandle<?> fork : all) {
      try {
        fork.toCompletableFuture().exceptionally(ended -> null).join();
      } catch (RuntimeException ignored) {
        // ended either way
      }
    }
  }

  private synchronized List<JoinHandle<?>> snapshot() {
    return List.copyOf(forks);
  }
}
