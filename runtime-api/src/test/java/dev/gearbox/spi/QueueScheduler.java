package dev.gearbox.spi;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A scheduler for tests: a queue that the test drains by hand; counts what the tasks report. */
final class QueueScheduler implements TaskScheduler {
  final ConcurrentLinkedQueue<RawTask<?>> queue = new ConcurrentLinkedQueue<>();
  final AtomicInteger schedules = new AtomicInteger();
  final AtomicInteger yields = new AtomicInteger();
  final AtomicInteger deferredYields = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();
  final OwnedTasks owned = new OwnedTasks();
  final java.util.List<Throwable> unjoined = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void schedule(RawTask<?> task) {
    schedules.incrementAndGet();
    queue.add(task);
  }

  @Override
  public void yieldNow(RawTask<?> task) {
    yields.incrementAndGet();
    queue.add(task);
  }

  @Override
  public void deferYield(RawTask<?> task) {
    deferredYields.incrementAndGet();
    queue.add(task);
  }

  @Override
  public void release(RawTask<?> task) {
    releases.incrementAndGet();
    owned.remove(task);
  }

  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    unjoined.add(failure);
  }

  <T> RawTask<T> spawn(dev.gearbox.future.Future<T> future) {
    RawTask<T> task = new RawTask<>(future, this);
    if (!owned.bind(task)) {
      throw new IllegalStateException("closed");
    }
    queue.add(task);
    return task;
  }

  /** Runs queued tasks until the queue is empty; returns how many polls happened. */
  int runAll() {
    int polls = 0;
    for (RawTask<?> task = queue.poll(); task != null; task = queue.poll()) {
      if (task.run()) {
        polls++;
      }
    }
    return polls;
  }
}
