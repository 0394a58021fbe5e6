package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;

/** A future the test completes or fails by hand; it counts its polls and drops. */
final class ManualFuture<T> implements Future<T> {
  private Poll<T> outcome = Poll.pending();
  private Exception failure;
  private Waker waker;
  private int polls;
  private int drops;

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    polls++;
    waker = cx.waker();
    if (failure != null) {
      throw failure;
    }
    return outcome;
  }

  @Override
  public void drop() {
    drops++;
  }

  void complete(T value) {
    outcome = Poll.ready(value);
    wakeIfPolled();
  }

  void fail(Exception thrown) {
    failure = thrown;
    wakeIfPolled();
  }

  int polls() {
    return polls;
  }

  int drops() {
    return drops;
  }

  private void wakeIfPolled() {
    if (waker != null) {
      waker.wake();
    }
  }
}
