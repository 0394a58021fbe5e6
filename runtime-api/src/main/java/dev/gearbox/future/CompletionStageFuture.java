package dev.gearbox.future;

import java.util.concurrent.CompletionStage;

/**
 * A {@link CompletionStage} seen as a future: {@link Futures#fromCompletionStage}.
 *
 * <p>Implementation notes: the first poll subscribes one callback with {@code whenComplete}; the
 * callback runs on whichever thread completes the stage (or at once, on the polling thread, if the
 * stage is already complete). It publishes the outcome in the volatile {@code outcome} and then
 * wakes {@code waiter}. A poll reads {@code outcome}, registers its waker in {@code waiter}, and
 * reads {@code outcome} again: with {@link AtomicWaker}'s guarantee, a completion between the first
 * read and the registration is seen by the second read, and one after the registration wakes the
 * registered waker. {@code subscribed} belongs to the polling thread.
 */
final class CompletionStageFuture<T> implements Future<T> {
  private final CompletionStage<T> stage;
  private final AtomicWaker waiter = new AtomicWaker();
  private volatile Object outcome;
  private boolean subscribed;

  /** A stage that completed exceptionally, with the cause unwrapped. */
  private record Failure(Throwable cause) {}

  CompletionStageFuture(CompletionStage<T> stage) {
    this.stage = stage;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    Object done = outcome;
    if (done == null && !subscribed) {
      subscribed = true;
      stage.whenComplete(this::complete);
      done = outcome;
    }
    if (done == null) {
      waiter.register(cx.waker());
      done = outcome;
      if (done == null) {
        cx.waitingIn("CompletableFuture");
        return Poll.pending();
      }
    }
    if (done instanceof Failure failure) {
      throw Failures.asException(failure.cause());
    }
    @SuppressWarnings("unchecked")
    Poll<T> ready = (Poll<T>) done;
    return ready;
  }

  private void complete(T value, Throwable failure) {
    outcome = failure == null ? Poll.ready(value) : new Failure(Failures.unwrapCompletion(failure));
    waiter.wake();
  }

  @Override
  public void drop() {
    waiter.take();
  }
}
