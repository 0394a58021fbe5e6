package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An async {@link java.util.concurrent.CountDownLatch}: tasks {@link #await()} until {@link
 * #countDown()} was called {@code count} times; from then on every await completes at once. It
 * cannot be reset.
 *
 * <p>Fairness: all waiters are released together when the count reaches zero, in the order they
 * started waiting. Cancellation: a dropped await leaves the queue; it consumes nothing.
 *
 * <p>Cost: {@code countDown} is a lock-free read once the count is zero, and takes the lock once
 * otherwise; an await of an open latch reads one volatile field. Thread-safe.
 */
public final class CountDownLatch {
  private final ReentrantLock lock = new ReentrantLock();
  private final WaitQueue<Await> waiters = new WaitQueue<>();
  private volatile long count;

  /**
   * Creates a latch that opens after {@code count} count-downs.
   *
   * @param count how many count-downs open it, 0 or more (0: open from the start)
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public CountDownLatch(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, but was " + count);
    }
    this.count = count;
  }

  /** Counts down by one; the count-down that reaches zero wakes every waiter. */
  public void countDown() {
    if (count == 0) {
      return;
    }
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      if (count == 0) {
        return;
      }
      count--;
      if (count == 0) {
        waiters.drainWakers(wakers);
      }
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
  }

  /**
   * The count-downs still needed; a snapshot.
   *
   * @return the current count
   */
  public long count() {
    return count;
  }

  /**
   * A future that completes once the count is zero.
   *
   * @return the future; dropping it while it waits consumes nothing
   */
  public Future<Void> await() {
    return new Await(this);
  }

  /** The future of {@link #await()}; its links are guarded by the latch's lock. */
  private static final class Await extends WaitNode<Await> implements Future<Void> {
    private final CountDownLatch latch;

    Await(CountDownLatch latch) {
      this.latch = latch;
    }

    @Override
    public Poll<Void> poll(Context cx) {
      if (latch.count != 0) {
        latch.lock.lock();
        try {
          if (latch.count != 0) {
            if (!linked) {
              latch.waiters.append(this);
            }
            setWaker(cx.waker());
            cx.waitingIn("CountDownLatch.await");
            return Poll.pending();
          }
        } finally {
          latch.lock.unlock();
        }
      }
      if (!cx.proceedOrYield()) {
        cx.waitingIn("CountDownLatch.await");
        return Poll.pending();
      }
      return Poll.ready();
    }

    @Override
    public void drop() {
      latch.lock.lock();
      try {
        latch.waiters.remove(this);
        waker = null;
      } finally {
        latch.lock.unlock();
      }
    }
  }
}
