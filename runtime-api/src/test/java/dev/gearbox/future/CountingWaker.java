package dev.gearbox.future;

import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, for driving futures by hand. Thread-safe. */
public final class CountingWaker implements Waker {
  private final AtomicInteger wakes = new AtomicInteger();

  @Override
  public void wake() {
    wakes.incrementAndGet();
  }

  /** How many times {@link #wake()} was called. */
  public int wakes() {
    return wakes.get();
  }

  /** A context with this waker. */
  public Context context() {
    return Context.of(this);
  }

  /**
   * A context with this waker and {@code units} of cooperative budget, spent one at a time, as a
   * runtime gives each poll; make one per poll.
   */
  public Context contextWithBudget(int units) {
    int[] left = {units};
    return new Context() {
      @Override
      public Waker waker() {
        return CountingWaker.this;
      }

      @Override
      public boolean consumeBudget() {
        if (left[0] > 0) {
          left[0]--;
          return true;
        }
        return false;
      }
    };
  }
}
