package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskCensus;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The one shared run queue (async-std's global injector): every spawn and wake from outside the
 * workers, and the overflow of their local queues, go here; workers take from it one task or a
 * batch at a time. Unbounded, multi-producer, multi-consumer, first in first out.
 */
final class RunQueue {
  /*
   * Implementation notes: JCTools' Unsafe-free MpmcAtomicArrayQueue (Vyukov's bounded MPMC ring:
   * one CAS on the producer or consumer index, a sequence number per slot) carries the queue; it
   * is bounded, so a push that finds it full goes to an overflow ConcurrentLinkedQueue (Michael &
   * Scott, one node per push). While the overflow holds anything every push goes there too, and
   * takers drain the ring first, so the order stays FIFO except across the moment the overflow
   * starts or empties. `overflowed` counts the overflow's entries; it is written only while
   * overflowing, so the fast path reads a line nobody writes.
   *
   * A `poll` that returns null means the ring's producer and consumer indexes were equal when it
   * looked (JCTools' strict empty check), which the parking protocol relies on: a push is a CAS on
   * the producer index, so a worker that re-checks after announcing its sleep sees every push that
   * did not see the announcement.
   */
  static final int CAPACITY = 1 << 16;

  private final MpmcAtomicArrayQueue<RawTask<?>> ring = new MpmcAtomicArrayQueue<>(CAPACITY);
  private final ConcurrentLinkedQueue<RawTask<?>> overflow = new ConcurrentLinkedQueue<>();
  private final AtomicInteger overflowed = new AtomicInteger();

  /** Appends a task. Any thread; lock-free. */
  void push(RawTask<?> task) {
    if (overflowed.get() == 0 && ring.offer(task)) {
      return;
    }
    overflowed.incrementAndGet();
    overflow.offer(task);
  }

  /**
   * Appends {@code tasks[0 .. count)} in order. Any thread; lock-free: one CAS claims the slots of
   * the whole batch in the ring (JCTools' fill), a task that does not fit goes to the overflow.
   */
  void pushBatch(RawTask<?>[] tasks, int count) {
    int pushed = 0;
    if (overflowed.get() == 0) {
      BatchSupplier supplier = new BatchSupplier(tasks);
      while (pushed < count) {
        int filled = ring.fill(supplier, count - pushed);
        if (filled == 0) {
          break; // full
        }
        pushed += filled;
      }
    }
    for (; pushed < count; pushed++) {
      push(tasks[pushed]);
    }
  }

  /** Hands out a batch's tasks in order, to JCTools' fill, which asks exactly once per slot. */
  private static final class BatchSupplier implements MessagePassingQueue.Supplier<RawTask<?>> {
    private final RawTask<?>[] tasks;
    private int next;

    BatchSupplier(RawTask<?>[] tasks) {
      this.tasks = tasks;
    }

    @Override
    public RawTask<?> get() {
      return tasks[next++];
    }
  }

  /** Takes the oldest task, or null if the queue is empty. Any thread; lock-free. */
  RawTask<?> poll() {
    RawTask<?> task = ring.poll();
    if (task == null && overflowed.get() != 0) {
      task = overflow.poll();
      if (task != null) {
        overflowed.decrementAndGet();
      }
    }
    return task;
  }

  /**
   * Takes up to {@code limit} of the oldest tasks and hands them to {@code receiver} in order. Any
   * thread; one CAS for a batch from the ring, one per task from the overflow.
   *
   * @return how many were taken
   */
  int drain(MessagePassingQueue.Consumer<RawTask<?>> receiver, int limit) {
    int taken = ring.drain(receiver, limit);
    if (taken == 0 && overflowed.get() != 0) {
      RawTask<?> task = poll();
      if (task != null) {
        receiver.accept(task);
        taken = 1;
      }
    }
    return taken;
  }

  /** Whether the queue looked empty. Any thread. */
  boolean isEmpty() {
    return ring.isEmpty() && overflowed.get() == 0;
  }

  /** The number of queued tasks, approximately. */
  int depth() {
    return ring.size() + overflowed.get();
  }

  /** Hands each queued task to {@code census}: weakly consistent iterations (for task dumps). */
  void censusTo(TaskCensus census) {
    census.addUnowned(ring);
    census.addUnowned(overflow);
  }
}
