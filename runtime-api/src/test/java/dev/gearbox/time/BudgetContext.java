package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;

/**
 * A context for polling time futures by hand with a cooperative budget the test sets: a waker, a
 * timer, and {@code budget} units that {@link #consumeBudget()} spends one at a time.
 */
final class BudgetContext implements Context {
  final CountingWaker waker = new CountingWaker();
  private final Timer timer;
  int budget;

  BudgetContext(Timer timer, int budget) {
    this.timer = timer;
    this.budget = budget;
  }

  @Override
  public Waker waker() {
    return waker;
  }

  @Override
  public Driver driver() {
    return timer;
  }

  @Override
  public boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    return false;
  }
}
