package dev.gearbox.future;

import java.util.function.Function;

/**
 * {@link Futures#loop}: runs the body's futures one after another, threading the state.
 *
 * <p>Implementation notes: nothing runs before the first poll, which makes the first body future.
 * Iterations whose futures are ready at once run inside one poll, without recursion: the first
 * freely, each further one for a unit of the polling task's cooperative budget ({@link
 * Context#consumeBudget()}, Tokio's {@code coop}). Once the budget is spent the loop wakes its own
 * waker and returns Pending, so a loop that never waits still lets the other tasks of its worker
 * run, after the same work as any other ready future; a context without a budget ({@link
 * Context#of}) never makes it yield. Owned by the polling task; not thread-safe.
 */
final class LoopFuture<S, T> implements Future<T> {
  private final Function<? super S, ? extends Future<Step<S, T>>> body;
  private S initial;
  private Future<Step<S, T>> current;

  LoopFuture(S initial, Function<? super S, ? extends Future<Step<S, T>>> body) {
    this.body = body;
    this.initial = initial;
  }

  private Future<Step<S, T>> next(S state) {
    Future<Step<S, T>> future = body.apply(state);
    if (future == null) {
      throw new NullPointerException("loop body returned null for state " + state);
    }
    return future;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    if (current == null) {
      current = next(initial);
      initial = null;
    }
    do {
      Poll<Step<S, T>> poll = current.poll(cx);
      if (!(poll instanceof Poll.Ready<Step<S, T>>(Step<S, T> step))) {
        return Poll.pending();
      }
      switch (step) {
        case Step.Break<S, T>(T value) -> {
          current = null;
          return Poll.ready(value);
        }
        case Step.Continue<S, T>(S state) -> {
          current = null; // Ready: a drop after the body throws must not reach it
          current = next(state);
        }
        case null -> throw new NullPointerException("loop body completed with a null step");
      }
    } while (cx.consumeBudget());
    cx.waker().wake();
    return Poll.pending();
  }

  @Override
  public void drop() {
    if (current != null) {
      current.drop();
      current = null;
    }
  }
}
