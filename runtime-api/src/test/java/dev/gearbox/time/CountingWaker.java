package dev.gearbox.time;

import dev.gearbox.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes; shared by the tests of {@code time} and {@code time.driver}. */
public final class CountingWaker implements Waker {
  private final AtomicInteger wakes = new AtomicInteger();

  @Override
  public void wake() {
    wakes.incrementAndGet();
  }

  public int wakes() {
    return wakes.get();
  }
}
