package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinHandle;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Futures with observable behaviour, for the conformance tests. */
final class ConformanceFutures {
  private ConformanceFutures() {}

  /** Makes its inner future on the first poll, on the polling thread, then delegates to it. */
  static final class Deferred<T> implements Future<T> {
    private final Supplier<? extends Future<T>> factory;
    private Future<T> inner;

    Deferred(Supplier<? extends Future<T>> factory) {
      this.factory = factory;
    }

    @Override
    public Poll<T> poll(Context cx) throws Exception {
      if (inner == null) {
        inner = factory.get();
      }
      return inner.poll(cx);
    }

    @Override
    public void drop() {
      if (inner != null) {
        inner.drop();
      }
    }
  }

  /** Completes with the sum of the outputs of {@code handles}, awaiting them in order. */
  static final class SumAll implements Future<Long> {
    private final List<JoinHandle<Integer>> handles;
    private int next;
    private long sum;

    SumAll(List<JoinHandle<Integer>> handles) {
      this.handles = handles;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      while (next < handles.size()) {
        Poll<Integer> poll = handles.get(next).poll(cx);
        if (poll.isPending()) {
          return Poll.pending();
        }
        sum += poll.value();
        next++;
      }
      return Poll.ready(sum);
    }
  }

  /**
   * Pending until {@link #release()}; counts polls and drops, and keeps the latest waker so that a
   * test can wake it.
   */
  static final class Gate implements Future<String> {
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final CountDownLatch firstPoll = new CountDownLatch(1);
    private final AtomicBoolean open = new AtomicBoolean();
    private volatile Waker waker;

    @Override
    public Poll<String> poll(Context cx) {
      polls.incrementAndGet();
      waker = cx.waker();
      firstPoll.countDown();
      return open.get() ? Poll.ready("open") : Poll.pending();
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }

    /** Lets the next poll complete and wakes the task. */
    void release() {
      open.set(true);
      wake();
    }

    /** Wakes the latest waker, if polled yet. */
    void wake() {
      Waker current = waker;
      if (current != null) {
        current.wake();
      }
    }

    boolean awaitFirstPoll() throws InterruptedException {
      return firstPoll.await(ConformanceFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Counts wakes from other threads: completes once {@code issued} reaches {@code total}, and
   * records any poll that overlaps another.
   */
  static final class WakeCounter implements Future<Long> {
    final AtomicLong issued = new AtomicLong();
    final AtomicInteger overlaps = new AtomicInteger();
    final CountDownLatch registered = new CountDownLatch(1);
    private final AtomicBoolean polling = new AtomicBoolean();
    private final long total;
    private volatile Waker waker;
    private long polls;

    WakeCounter(long total) {
      this.total = total;
    }

    @Override
    public Poll<Long> poll(Context cx) {
      if (!polling.compareAndSet(false, true)) {
        overlaps.incrementAndGet();
      }
      try {
        polls++;
        waker = cx.waker();
        // Decide before announcing the waker: wakes issued after the announcement must be seen by
        // a later poll, so the first poll can never be the last.
        Poll<Long> result = issued.get() >= total ? Poll.ready(polls) : Poll.pending();
        registered.countDown();
        return result;
      } finally {
        polling.set(false);
      }
    }

    /** Counts one wake and wakes the task; the waker must be registered. */
    void wakeOnce() {
      issued.incrementAndGet();
      waker.wake();
    }
  }

  /** Wakes itself and returns Pending on every poll until stopped: a task that yields forever. */
  static final class YieldForever implements Future<Long> {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong polls = new AtomicLong();

    @Override
    public Poll<Long> poll(Context cx) {
      long count = polls.incrementAndGet();
      if (stop.get()) {
        return Poll.ready(count);
      }
      cx.waker().wake();
      return Poll.pending();
    }
  }

  /** Holds its first poll until released, then returns Pending; counts drops. */
  static final class HeldPoll implements Future<String> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger drops = new AtomicInteger();

    @Override
    public Poll<String> poll(Context cx) throws InterruptedException {
      entered.countDown();
      if (!release.await(ConformanceFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the test did not release the poll");
      }
      return Poll.pending();
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }
  }
}
