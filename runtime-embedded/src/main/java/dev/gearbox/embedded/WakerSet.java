package dev.gearbox.embedded;

import dev.gearbox.future.Waker;

/**
 * The wakers of the tasks waiting on a primitive, in an array sized once (Embassy's {@code
 * MultiWakerRegistration}): registering never allocates. A waker already in the set is not added
 * twice; when the set is full, every waker in it is woken and the set emptied before the new one is
 * added (the woken tasks poll again and re-register), so no wake-up is ever lost. Guarded by the
 * owning primitive's lock.
 */
final class WakerSet {
  private final Waker[] wakers;
  private int count;

  WakerSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("maxWaiters must be at least 1, got " + capacity);
    }
    wakers = new Waker[capacity];
  }

  void register(Waker waker) {
    for (int i = 0; i < count; i++) {
      if (wakers[i] == waker || wakers[i].willWake(waker)) {
        return;
      }
    }
    if (count == wakers.length) {
      wakeAll();
    }
    wakers[count++] = waker;
  }

  void wakeAll() {
    int woken = count;
    count = 0;
    for (int i = 0; i < woken; i++) {
      Waker waker = wakers[i];
      wakers[i] = null;
      waker.wake();
    }
  }

  boolean isEmpty() {
    return count == 0;
  }
}
