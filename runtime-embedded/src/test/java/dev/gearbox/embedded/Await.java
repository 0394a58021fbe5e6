package dev.gearbox.embedded;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, for tests. */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
