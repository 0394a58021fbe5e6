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
}
