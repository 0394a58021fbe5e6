package dev.gearbox.sync;

import dev.gearbox.future.Waker;
import java.util.Arrays;

/**
 * Wakers collected under a primitive's lock, to wake after it is released (Tokio's {@code
 * WakeList}): waking while holding the lock would let a woken task on another worker run straight
 * into it. Allocates its array only when the first waker is added. Not thread-safe.
 */
final class WakeList {
  private Waker[] wakers;
  private int size;

  /** Adds {@code waker}; null is ignored, for waiters that were never polled. */
  void add(Waker waker) {
    if (waker == null) {
      return;
    }
    if (wakers == null) {
      wakers = new Waker[4];
    } else if (size == wakers.length) {
      wakers = Arrays.copyOf(wakers, size * 2);
    }
    wakers[size++] = waker;
  }

  /** Wakes every collected waker once, in the order added, and empties the list. */
  void wakeAll() {
    for (int index = 0; index < size; index++) {
      Waker waker = wakers[index];
      wakers[index] = null;
      waker.wake();
    }
    size = 0;
  }
}
