package dev.gearbox.spi.sched;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * A global queue that any thread pushes to and any worker takes from without a lock: every spawn
 * and wake from outside the workers, and the overflow of their local queues, go here; workers take
 * one task or a batch at a time. Unbounded, multi-producer, multi-consumer, first in first out
 * while it holds fewer than its ring's capacity. The global queue of {@code runtime-multithread}
 * (async-std's injector) and of {@code runtime-minimal} (async-executor's global queue); {@code
 * runtime-workstealing} keeps its own, whose takers batch under a lock (Tokio's inject queue).
 *
 * @param <T> the task type
 */
public final class MpmcGlobalQueue<T> {
  /*
   * Implementation notes: JCTools' Unsafe-free MpmcAtomicArrayQueue (Vyukov's bounded MPMC ring:
   * one CAS on the producer or consumer index, a sequence number per slot) carries the queue; it
   * is bounded, so a push that finds it full goes to an overflow ConcurrentLinkedQueue (Michael &
   * Scott, one node per push). While the overflow holds anything every push goes there too, and
   * takers drain the ring first, so the order stays FIFO except across the moment the overflow
   * starts or empties, and no task waits for more than the ring's contents plus those ahead of it
   * in the overflow. `overflowed` counts the overflow's entries; it is written only while
   * overflowing, so the fast path reads a line nobody writes.
   *
   * A `pop` that returns null means the ring's producer and consumer indexes were equal when it
   * looked (JCTools' strict empty check), which the parking protocol relies on: a push is a CAS on
   * the producer index, so a worker that re-checks after announcing its sleep sees every push that
   * did not see the announcement.
   */
  private final MpmcAtomicArrayQueue<T> ring;
  private final ConcurrentLinkedQueue<T> overflow = new ConcurrentLinkedQueue<>();
  private final AtomicInteger overflowed = new AtomicInteger();

  /**
   * Creates an empty queue.
   *
   * @param capacity the ring's capacity (rounded up to a power of two); beyond it, tasks go to the
   *     overflow list, one node each
   */
  public MpmcGlobalQueue(int capacity) {
    this.ring = new MpmcAtomicArrayQueue<>(capacity);
  }

  /**
   * The ring's capacity: the depth up to which a push allocates nothing.
   *
   * @return the capacity
   */
  public int capacity() {
    return ring.capacity();
  }

  /**
   * Appends a task. Any thread; lock-free.
   *
   * @param task the task
   */
  public void push(T task) {
    if (overflowed.get() == 0 && ring.offer(task)) {
      return;
    }
    overflowed.incrementAndGet();
    overflow.offer(task);
  }

  /**
   * Appends {@code tasks[0 .. count)} in order. Any thread; lock-free: one CAS claims the slots of
   * the whole batch in the ring (JCTools' fill), a task that does not fit goes to the overflow.
   *
   * @param tasks the tasks, in {@code tasks[0 .. count)}; the array is the caller's afterwards
   * @param count how many
   */
  public void pushBatch(T[] tasks, int count) {
    int pushed = 0;
    if (overflowed.get() == 0) {
      BatchSupplier<T> supplier = new BatchSupplier<>(tasks);
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
  private static final class BatchSupplier<T> implements MessagePassingQueue.Supplier<T> {
    private final T[] tasks;
    private int next;

    BatchSupplier(T[] tasks) {
      this.tasks = tasks;
    }

    @Override
    public T get() {
      return tasks[next++];
    }
  }

  /**
   * Takes the oldest task. Any thread; lock-free.
   *
   * @return the task, or null if the queue is empty
   */
  public T pop() {
    T task = ring.poll();
    if (task == null && overflowed.get() != 0) {
      task = overflow.poll();
      if (task != null) {
        overflowed.decrementAndGet();
      }
    }
    return task;
  }

  /**
   * Takes up to {@code limit} of the oldest tasks and hands them to {@code receiver} in order (at
   * most one from the overflow). Any thread; one CAS for a batch from the ring. For {@link
   * SpmcLocalQueue}'s side of {@link #popBatch}.
   */
  int drain(MessagePassingQueue.Consumer<T> receiver, int limit) {
    int taken = ring.drain(receiver, limit);
    if (taken == 0 && overflowed.get() != 0) {
      T task = pop();
      if (task != null) {
        receiver.accept(task);
        taken = 1;
      }
    }
    return taken;
  }

  /**
   * Takes up to {@code count} of the oldest tasks, as far as {@code local}'s free slots allow:
   * returns the first and queues the others in {@code local} (Tokio's inject {@code pop_n} into the
   * local queue). The caller owns {@code local}; one CAS for a batch from the ring.
   *
   * @param count the most to take; a runtime's policy, such as its share of the queue
   * @param local the calling worker's own queue
   * @return a task to run, or null if the queue looked empty
   */
  public T popBatch(int count, SpmcLocalQueue<T> local) {
    return local.popBatchFrom(this, count);
  }

  /**
   * Whether the queue looked empty. Any thread.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return ring.isEmpty() && overflowed.get() == 0;
  }

  /**
   * The number of queued tasks, approximately. Any thread.
   *
   * @return the depth
   */
  public int depth() {
    return ring.size() + overflowed.get();
  }

  /**
   * Hands each queued entry to {@code action}, for task dumps: weakly consistent iterations of the
   * ring and the overflow, so an entry taken or pushed meanwhile may be missed or seen twice.
   *
   * @param action what to do with each entry
   */
  public void forEachQueued(Consumer<? super T> action) {
    ring.forEach(action);
    overflow.forEach(action);
  }
}
