package dev.gearbox.spi;

import dev.gearbox.runtime.CurrentRuntime;
import java.util.concurrent.locks.LockSupport;

/**
 * The unparks a runtime's carrier thread took through {@link CurrentRuntime.Carrier#deferUnpark}
 * and has not issued yet. Owned by that thread: it adds, and issues them all at the points its
 * runtime documents (such as a maintenance tick, or before it parks). Allocates nothing after
 * construction.
 */
public final class DeferredUnparks {
  private final Thread[] threads;
  private int count;

  /**
   * Holds up to {@code capacity} unparks; adding one more issues the held ones first.
   *
   * @param capacity at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public DeferredUnparks(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    this.threads = new Thread[capacity];
  }

  /**
   * Holds back an unpark of {@code thread}, issuing the held ones first if there is no room.
   *
   * @param thread the thread to unpark later
   */
  public void add(Thread thread) {
    if (count == threads.length) {
      unparkAll();
    }
    threads[count++] = thread;
  }

  /** Issues every held unpark, in the order they were added. */
  public void unparkAll() {
    for (int i = 0; i < count; i++) {
      LockSupport.unpark(threads[i]);
      threads[i] = null;
    }
    count = 0;
  }
}
