package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * A worker's bounded local run queue (async-executor's per-runner queue): its owner pushes, and any
 * thread takes. The owner's yields and the tasks displaced from its LIFO slot go here; it is
 * refilled with batches from the global queue, and the other workers steal half of it when they run
 * out of work.
 */
final class LocalRunQueue {
  /*
   * Implementation notes: JCTools' Unsafe-free SpmcAtomicArrayQueue: a push is two ordered stores
   * (the slot, then the producer index) and no CAS, since only the owner pushes; a take is one
   * CAS on the consumer index, which the owner and the thieves share, and a steal claims its whole
   * batch with one such CAS (JCTools' drain with a limit), as does a batch from the global queue.
   * A push that finds the ring full first moves the older half of it to the global queue (Tokio's
   * rule): the newest tasks stay local, so a fan-out such as skynet keeps running depth first
   * instead of leaving its newest tasks behind everything in the global queue. The half moves as
   * one batch: one CAS takes it from the ring into the owner's scratch array, and the shared
   * queue takes it with one CAS too (see MpmcGlobalQueue.pushBatch), with one wake-up for the batch.
   *
   * Threads: push, takeBatch: the owner only. poll, stealHalfInto, drainTo, isEmpty, size: any thread
   * (stealHalfInto's destination must be owned by the calling thread). A push is an ordered store,
   * not a volatile one, so it does not by itself form a Dekker pair with a sleeper's re-check; see
   * Worker for why the wake-up that follows it is only a hint.
   */
  static final int CAPACITY = 256;

  private final SpmcAtomicArrayQueue<RawTask<?>> ring = new SpmcAtomicArrayQueue<>(CAPACITY);
  private final Overflow overflow;
  private final RawTask<?>[] scratch = new RawTask<?>[CAPACITY / 2 + 1];
  private final MessagePassingQueue.Consumer<RawTask<?>> spill = this::toScratch;
  private final Receiver receiver = new Receiver();
  private int scratchCount;

  /** Where the older half of a full queue goes: the global queue, as one batch. */
  @FunctionalInterface
  interface Overflow {
    /**
     * Takes {@code count} tasks, oldest first; the array is the caller's to reuse afterwards.
     *
     * @param tasks the tasks, in {@code tasks[0 .. count)}
     * @param count how many
     */
    void accept(RawTask<?>[] tasks, int count);
  }

  /** Takes a batch: keeps the first task to return it, queues the others. Owner only. */
  private final class Receiver implements MessagePassingQueue.Consumer<RawTask<?>> {
    RawTask<?> first;

    @Override
    public void accept(RawTask<?> task) {
      if (first == null) {
        first = task;
      } else {
        push(task);
      }
    }

    RawTask<?> takeFirst() {
      RawTask<?> task = first;
      first = null;
      return task;
    }
  }

  /**
   * Creates an empty queue.
   *
   * @param overflow where the older half of a full queue goes (the global queue)
   */
  LocalRunQueue(Overflow overflow) {
    this.overflow = overflow;
  }

  /**
   * Appends a task; if this queue is full, first moves its older half to the overflow. Owner only.
   */
  void push(RawTask<?> task) {
    if (!ring.offer(task)) {
      ring.drain(spill, CAPACITY / 2);
      if (!ring.offer(task)) {
        scratch[scratchCount++] = task; // thieves took the slots back meanwhile
      }
      int count = scratchCount;
      scratchCount = 0;
      overflow.accept(scratch, count);
      Arrays.fill(scratch, 0, count, null);
    }
  }

  private void toScratch(RawTask<?> task) {
    scratch[scratchCount++] = task;
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
   * Takes up to {@code count} tasks from {@code source} in one batch: returns the oldest and queues
   * the rest here, as room allows. Owner only; one CAS on the source for the whole batch.
   *
   * @return a task to run, or null if {@code source} looked empty
   */
  RawTask<?> takeBatch(MpmcGlobalQueue<RawTask<?>> source, int count) {
    source.drain(receiver, Math.min(count, CAPACITY - ring.size() + 1));
    return receiver.takeFirst();
  }

  /**
   * Steals half of this queue (rounded up): returns the oldest stolen task and queues the rest in
   * {@code into}, owned by the calling thread. Cost: one CAS for the whole batch.
   *
   * @return a task to run, or null if this queue looked empty
   */
  RawTask<?> stealHalfInto(LocalRunQueue into) {
    int size = ring.size();
    if (size == 0) {
      return null;
    }
    ring.drain(into.receiver, Math.min((size + 1) / 2, CAPACITY - into.ring.size() + 1));
    return into.receiver.takeFirst();
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

  /**
   * Hands each queued task to {@code census}: JCTools' weakly consistent iteration (task dumps).
   */
  void censusTo(TaskCensus census) {
    census.addUnowned(ring);
  }
}
