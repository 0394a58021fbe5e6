package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.RuntimeClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A caller waiting in {@code blockOn}: its future runs as a task on the loop thread; the caller
 * waits for the task, or for the loop to declare a deadlock.
 *
 * @param <T> the output type
 */
final class BlockOnCall<T> {
  private final SimTask<T> task;
  private final CompletableFuture<Void> deadlock = new CompletableFuture<>();

  BlockOnCall(SimTask<T> task) {
    this.task = task;
  }

  /** Called by the loop: the caller gets {@code failure} and the task is aborted. */
  void fail(DeadlockException failure) {
    deadlock.completeExceptionally(failure);
  }

  /**
   * Waits for the outcome, as every runtime's blockOn reports it.
   *
   * @param seed the run's seed, noted on a failure
   * @param closed the exception to throw if the task was cancelled (only shutdown cancels it)
   */
  T await(long seed, Supplier<RuntimeClosedException> closed) {
    CompletableFuture<?> either = CompletableFuture.anyOf(task.released, deadlock);
    boolean interrupted = false;
    while (true) {
      try {
        either.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (deadlock.isCompletedExceptionally() && !task.isFinished()) {
      task.abort();
      throw (DeadlockException) deadlock.exceptionNow();
    }
    try {
      return task.join();
    } catch (JoinException e) {
      if (e.isCancelled()) {
        throw closed.get();
      }
      Throwable cause = e.getCause();
      if (cause == null) {
        throw e;
      }
      cause.addSuppressed(new Replay.SeedNote(seed));
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    }
  }
}
