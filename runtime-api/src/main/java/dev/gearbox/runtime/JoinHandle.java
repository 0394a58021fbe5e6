package dev.gearbox.runtime;

import dev.gearbox.future.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The handle of a spawned task: a {@link Future} of the task's output, and the means to abort it.
 *
 * <p>Awaiting the handle (polling it) completes with the task's output, or throws a {@link
 * JoinException} that says the task was cancelled or carries its exception. A handle is awaited by
 * one task at a time (as Tokio's); to hand the result to several consumers use {@link
 * #toCompletableFuture()}. Letting a handle go does not cancel the task: it runs on, detached.
 *
 * @param <T> the task's output type
 */
public interface JoinHandle<T> extends Future<T> {

  /**
   * The task's id, unique within this JVM.
   *
   * @return a positive id
   */
  long id();

  /**
   * Cancels the task; never waits. A task that has not started, or waits between polls, has its
   * future {@linkplain Future#drop() dropped} on the calling thread and completes as cancelled
   * before this returns. A task inside a poll completes as cancelled when that poll returns Pending
   * (a poll that returns Ready keeps its output). If another thread is already aborting the task,
   * this returns at once and the task completes when that thread has dropped the future. To wait
   * for the outcome, join. Aborting a finished task does nothing. Thread-safe.
   */
  void abort();

  /**
   * Whether the task has finished: with an output, an exception, or cancelled.
   *
   * @return true once the task is complete
   */
  boolean isFinished();

  /**
   * Blocks the calling thread until the task finishes, and returns its output. For threads outside
   * any runtime (and {@code spawnBlocking} threads); inside a task, await the handle instead.
   *
   * @return the task's output
   * @throws JoinException if the task was cancelled or failed
   * @throws IllegalStateException if called on a runtime's worker thread, where blocking would
   *     stall the runtime
   */
  T join();

  /**
   * As {@link #join()}, giving up after {@code timeout}.
   *
   * @param timeout the longest time to wait
   * @return the task's output
   * @throws JoinException if the task was cancelled or failed
   * @throws TimeoutException if the task did not finish within {@code timeout}; the task runs on
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  T join(Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * A {@link CompletableFuture} that completes with the task's output, or exceptionally with the
   * {@link JoinException}. Completing or cancelling the returned future does not affect the task.
   *
   * @return a new completable future for this task
   */
  CompletableFuture<T> toCompletableFuture();
}
