package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import java.util.function.Consumer;
import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * A worker's bounded local run queue (async-executor's per-runner queue): its owner pushes, and any
 * thread takes. The owner's yields and the tasks displaced from its LIFO slot go here; it is
 * refilled with batches from the shared queue, and the other workers steal half of it when they run
 * out of work.
 */
final class LocalQueue {
  /*
   * Implementation notes: JCTools' Unsafe-free SpmcAtomicArrayQueue: a push is two ordered stores
   * (the slot, then the producer index) and no CAS, since only the owner pushes; a take is one
   * CAS on the consumer index, which the owner and the thieves share. A push that finds the ring
   * full goes to the shared queue instead (one task, not half the ring, since moving a batch
   * costs a CAS per task on both queues anyway).
   *
   * Threads: push, fill: the owner only. poll, stealHalfInto, drainTo, isEmpty, size: any thread
   * (stealHalfInto's destination must be owned by the calling thread). A push is an ordered store,
   * not a volatile one, so it does not by itself form a Dekker pair with a sleeper's re-check; see
   * Worker for why the wake-up that follows it is only a hint.
   */
  static final int CAPACITY = 256;

  private final SpmcAtomicArrayQueue<RawTask<?>> ring = new SpmcAtomicArrayQueue<>(CAPACITY);
  private final Consumer<RawTask<?>> overflow;

  /**
   * Creates an empty queue.
   *
   * @param overflow where a push goes when the queue is full (the shared queue)
   */
  LocalQueue(Consumer<RawTask<?>> overflow) {
    this.overflow = overflow;
  }

  /** Appends a task, or hands it to the overflow if this queue is full. Owner only. */
  void push(RawTask<?> task) {
    if (!ring.offer(task)) {
      overflow.accept(task);
    }
  }

  /** Takes the oldest task, or null. Any thread; one CAS. */
  RawTask<?> poll() {
    return ring.poll();
  }

  /** Whether the queue looked empty. Any thread. */
  boolean isEmpty() {
    return ring.isEmpty();
  }

  /** The number of queued tasks, approximately. Any thread. */
  int size() {
    return ring.size();
  }

  /**
   * Moves up to {@code count} tasks from {@code source} into this queue. Owner only.
   *
   * @return how many moved
   */
  int fill(RunQueue source, int count) {
    int moved = 0;
    int room = CAPACITY - ring.size();
    for (int i = Math.min(count, room); moved < i; moved++) {
      RawTask<?> task = source.poll();
      if (task == null) {
        break;
      }
      push(task);
    }
    return moved;
  }

  /**
   * Steals half of this queue (rounded up): returns the oldest stolen task and moves the rest into
   * {@code into}, owned by the calling thread. Cost: one CAS per stolen task.
   *
   * @return a task to run, or null if this queue looked empty
   */
  RawTask<?> stealHalfInto(LocalQueue into) {
    int size = ring.size();
    if (size == 0) {
      return null;
    }
    RawTask<?> first = ring.poll();
    if (first == null) {
      return null;
    }
    int count = Math.min((size + 1) / 2, CAPACITY - into.ring.size() + 1);
    for (int i = 1; i < count; i++) {
      RawTask<?> task = ring.poll();
      if (task == null) {
        break;
      }
      into.push(task);
    }
    return first;
  }

  /**
   * Takes every queued task and hands it to {@code target}. Any thread: the monitor for a replaced
   * worker, or the owner on its way out.
   *
   * @return how many moved
   */
  int drainTo(Consumer<RawTask<?>> target) {
    int moved = 0;
    for (RawTask<?> task = ring.poll(); task != null; task = ring.poll()) {
      target.accept(task);
      moved++;
    }
    return moved;
  }
}
