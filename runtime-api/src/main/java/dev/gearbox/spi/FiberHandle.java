package dev.gearbox.spi;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The join handle of a fiber: completes when the fiber's body returns or throws, or as cancelled
 * when the fiber was aborted or its runtime shut down.
 *
 * @param <T> the body's result type
 */
final class FiberHandle<T> implements JoinHandle<T> {
  /*
   * Implementation notes.
   *
   * `outcome` is the one source of truth: completed once, by the fiber's own thread when its body
   * ends, or by whoever cancels a fiber that can no longer run (its carrier was dropped at shutdown,
   * or it was aborted before it started). It completes normally with the result, or exceptionally
   * with the JoinException a join throws. `joiner` holds the waker of the future that awaits the
   * handle; it is woken after `outcome` completes, and a poll registers before it checks `outcome`
   * again (AtomicWaker's protocol), so no wake is lost.
   *
   * `cancelRequested` is set once by abort (any thread); the fiber's body wrapper reads it when the
   * body ends to decide between its own outcome and cancelled. `observed` is set by whoever asks
   * for the outcome (a poll, a join, a bridge); a failure that completes an unobserved handle is
   * kept in `unjoinedFailure`, and the fiber's task rethrows it when the thread has ended, so the
   * runtime reports it as it reports a task's failure that nobody joined.
   */
  private volatile JoinHandle<?> task;
  private final CompletableFuture<T> outcome = new CompletableFuture<>();
  private final AtomicWaker joiner = new AtomicWaker();
  private final FiberTask<T> fiber;
  private volatile boolean cancelRequested;
  private volatile boolean observed;
  private volatile Throwable unjoinedFailure;

  FiberHandle(FiberTask<T> fiber) {
    this.fiber = fiber;
  }

  /**
   * Binds the fiber's task, whose id the fiber shares. Called before the handle is returned and
   * before the fiber's body can run (by whichever comes first: the spawn, or the task's first
   * poll).
   */
  void bindTask(JoinHandle<?> fiberTask) {
    task = fiberTask;
  }

  // ---- the fiber's side

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** Completes with the body's result; false if already complete. */
  boolean complete(T value) {
    return finish(outcome.complete(value));
  }

  /**
   * Completes as failed with what the body threw; false if already complete. A failure nobody had
   * asked for yet is kept for the fiber's task to report as an unjoined failure.
   */
  boolean fail(Throwable cause) {
    if (!observed) {
      unjoinedFailure = cause;
    }
    return finish(outcome.completeExceptionally(JoinException.failed(id(), cause)));
  }

  /** The body's failure if nobody had asked for the outcome when it failed, else null. */
  Throwable unjoinedFailure() {
    return unjoinedFailure;
  }

  /** Completes as cancelled; false if already complete. */
  boolean cancel() {
    return finish(outcome.completeExceptionally(JoinException.cancelled(id())));
  }

  /**
   * Whether anyone asked for the outcome (a poll, a join or a bridge): a failure is then theirs.
   */
  boolean observed() {
    return observed;
  }

  private boolean finish(boolean completed) {
    if (completed) {
      joiner.wake();
    }
    return completed;
  }

  // ---- JoinHandle

  /**
   * The id of the fiber's task: a fiber and its task share it, so the runtime's reports about the
   * task (an unjoined failure, a dump) name the fiber.
   */
  @Override
  public long id() {
    return task.id();
  }

  /**
   * Requests cancellation: the fiber's pending or next {@code await} drops its future and throws
   * {@link dev.gearbox.runtime.FiberCancelledException}, a JDK blocking call in it is interrupted,
   * and a fiber that has not started never runs its body. The handle completes as cancelled once
   * the fiber has unwound (its {@code finally} blocks ran). A no-op once the handle completed.
   */
  @Override
  public void abort() {
    if (outcome.isDone() || cancelRequested) {
      return;
    }
    cancelRequested = true;
    fiber.interrupt();
  }

  @Override
  public boolean isFinished() {
    return outcome.isDone();
  }

  @Override
  public Poll<T> poll(Context cx) {
    observed = true;
    if (!outcome.isDone()) {
      joiner.register(cx.waker());
      if (!outcome.isDone()) {
        cx.waitingIn("JoinHandle.join");
        return Poll.pending();
      }
    }
    return Poll.ready(outcomeOrThrow());
  }

  @Override
  public T join() {
    CurrentRuntime.checkMayBlock("JoinHandle.join()");
    observed = true;
    try {
      outcome.join();
    } catch (CompletionException failed) {
      // thrown below from this thread
    }
    return outcomeOrThrow();
  }

  @Override
  public T join(Duration timeout) throws TimeoutException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    CurrentRuntime.checkMayBlock("JoinHandle.join(timeout)");
    observed = true;
    try {
      outcome.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      // thrown below
    } catch (TimeoutException e) {
      throw new TimeoutException("fiber " + id() + " did not finish within " + timeout);
    }
    return outcomeOrThrow();
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    observed = true;
    return outcome.copy();
  }

  private T outcomeOrThrow() {
    try {
      return outcome.join();
    } catch (CompletionException e) {
      throw (JoinException) e.getCause();
    }
  }

  @Override
  public String toString() {
    return "Fiber[" + id() + (outcome.isDone() ? ", finished" : "") + "]";
  }
}
