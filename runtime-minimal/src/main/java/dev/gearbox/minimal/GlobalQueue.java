package dev.gearbox.minimal;

import dev.gearbox.spi.RawTask;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The executor's shared run queue: unbounded, any thread offers, any runner polls; FIFO while it
 * holds fewer than {@link #RING_CAPACITY} tasks, and starvation-free beyond.
 */
final class GlobalQueue {
  /*
   * Implementation notes: a bounded MPMC ring (JCTools' MpmcAtomicArrayQueue, Vyukov's bounded
   * queue, on field updaters rather than sun.misc.Unsafe) takes tasks without allocating, and an
   * unbounded ConcurrentLinkedQueue (Michael-Scott) takes the overflow when the ring is full.
   *
   * Order: once the overflow holds a task, offers go to the overflow too until it is drained, and
   * polls take from the ring first. So the ring only holds tasks older than the overflow's (up to
   * the race of an offer that saw the overflow empty just before it filled), and no task waits for
   * more than the ring's current contents plus those ahead of it in the overflow.
   *
   * Both queues publish an offered task with at least a release store; the scheduler issues a full
   * fence after offer() before it decides whether to wake a sleeper (see ExecutorState).
   */
  static final int RING_CAPACITY = 4096;

  private final MpmcAtomicArrayQueue<RawTask<?>> ring = new MpmcAtomicArrayQueue<>(RING_CAPACITY);
  private final ConcurrentLinkedQueue<RawTask<?>> overflow = new ConcurrentLinkedQueue<>();

  /** Adds a task at the tail. Any thread; never fails. */
  void offer(RawTask<?> task) {
    if (overflow.isEmpty() && ring.offer(task)) {
      return;
    }
    overflow.offer(task);
  }

  /** Takes the task at the head, or null when empty. Any thread. */
  RawTask<?> poll() {
    RawTask<?> task = ring.poll();
    return task != null ? task : overflow.poll();
  }

  /** Whether the queue looked empty at some moment during the call. */
  boolean isEmpty() {
    return ring.isEmpty() && overflow.isEmpty();
  }

  /**
   * An estimate of the number of queued tasks, for batch sizes and metrics: exact for the ring, and
   * counting a non-empty overflow as one ring's worth (its exact size costs a traversal).
   */
  int estimatedSize() {
    int ringSize = ring.size();
    return overflow.isEmpty() ? ringSize : ringSize + RING_CAPACITY;
  }
}
