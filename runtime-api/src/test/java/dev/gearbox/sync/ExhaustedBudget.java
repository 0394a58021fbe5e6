package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Waker;

/** A context whose cooperative budget is spent: every {@code consumeBudget()} returns false. */
final class ExhaustedBudget implements Context {
  final CountingWaker waker = new CountingWaker();

  @Override
  public Waker waker() {
    return waker;
  }

  @Override
  public boolean consumeBudget() {
    return false;
  }
}
