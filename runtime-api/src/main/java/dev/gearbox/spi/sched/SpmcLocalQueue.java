package dev.gearbox.spi.sched;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * A worker's bounded local run queue: its owner thread pushes, any thread takes. The owner's
 * yields, the tasks it wakes and those displaced from its LIFO slot go here; it is refilled with
 * batches from the global queue ({@link MpmcGlobalQueue#popBatch}), and other workers steal half of
 * it ({@link #stealInto}) when they run out of work. The local queue of {@code runtime-multithread}
 * (async-std's) and of {@code runtime-minimal} (async-executor's); {@code runtime-workstealing}
 * keeps Tokio's ring of its own, under the same operation names.
 *
 * <p>What a full queue does is the runtime's policy, given at construction: it gives up the new
 * task and {@code olderTasksToSpill} of its oldest to an {@link Overflow} (the global queue), as
 * one batch.
 *
 * @param <T> the task type
 */
public final class SpmcLocalQueue<T> {
  /*
   * Implementation notes: JCTools' Unsafe-free SpmcAtomicArrayQueue carries the queue. A push is
   * two ordered stores (the slot, then the producer index) and no CAS, since only the owner
   * pushes; a take is one CAS on the consumer index, which the owner and the thieves share, and a
   * steal claims its whole batch with one such CAS (JCTools' drain with a limit), as does a batch
   * from the global queue. Batches are sized from estimates and may come out smaller when others take meanwhile;
   * each task is taken exactly once and is never in two queues.
   *
   * Overflow: a push that finds the ring full first takes up to `olderTasksToSpill` of its oldest
   * tasks into the owner's scratch array, then retries; the new task joins the scratch only if the
   * ring is still full (thieves may have taken slots back meanwhile). The scratch goes to the
   * Overflow as one batch, so the global queue takes it with one CAS and one wake-up follows.
   * Spilling the older half (Tokio's rule) keeps the newest tasks local, so a fan-out runs depth
   * first; spilling none sends only the new task away (async-executor's rule).
   *
   * Threads: push, and the receiving side of stealInto and popBatch: the owner only. pop,
   * stealInto's victim side, drainTo, isEmpty, len, forEachQueued: any thread. remainingSlots is
   * exact only on the owner, the only thread that adds. A push is an ordered store, not a volatile
   * one, so it does not by itself form a Dekker pair with a sleeper's re-check: a runtime's wake-up
   * after a push is a hint, and its parking protocol must not rely on it.
   */

  /** The ring's capacity: Tokio's and async-std's 256. */
  public static final int CAPACITY = 256;

  /**
   * Where the tasks a full queue gives up go: the global queue, as one batch.
   *
   * @param <T> the task type
   */
  @FunctionalInterface
  public interface Overflow<T> {
    /**
     * Takes {@code count} tasks, oldest first; the array is the caller's to reuse afterwards.
     *
     * @param tasks the tasks, in {@code tasks[0 .. count)}
     * @param count how many, at least one
     */
    void accept(T[] tasks, int count);
  }

  private final SpmcAtomicArrayQueue<T> ring = new SpmcAtomicArrayQueue<>(CAPACITY);
  private final Overflow<T> overflow;
  private final int olderTasksToSpill;
  private final T[] scratch;
  private final MessagePassingQueue.Consumer<T> toScratch = this::toScratch;
  private final Receiver receiver = new Receiver();
  private int scratchCount;

  /** Takes a batch: keeps the first task to return it, queues the others. Owner only. */
  private final class Receiver implements MessagePassingQueue.Consumer<T> {
    T first;

    @Override
    public void accept(T task) {
      if (first == null) {
        first = task;
      } else {
        pushBackOrOverflow(task);
      }
    }

    T takeFirst() {
      T task = first;
      first = null;
      return task;
    }
  }

  /**
   * Creates an empty queue.
   *
   * @param newArray makes the scratch array of a spilled batch (for example {@code
   *     RawTask<?>[]::new}), typed so that the overflow may take it as its own task array
   * @param olderTasksToSpill how many of its oldest tasks a full queue gives up with the new one:
   *     from 0 (only the new task) to {@code CAPACITY / 2} (Tokio's older half)
   * @param overflow where they go
   * @throws IllegalArgumentException if {@code olderTasksToSpill} is outside 0 to {@code CAPACITY /
   *     2}
   */
  public SpmcLocalQueue(IntFunction<T[]> newArray, int olderTasksToSpill, Overflow<T> overflow) {
    if (olderTasksToSpill < 0 || olderTasksToSpill > CAPACITY / 2) {
      throw new IllegalArgumentException(
          "olderTasksToSpill is "
              + olderTasksToSpill
              + "; allowed: 0 to "
              + CAPACITY / 2
              + " (half the local queue's capacity)");
    }
    this.olderTasksToSpill = olderTasksToSpill;
    this.overflow = overflow;
    this.scratch = newArray.apply(olderTasksToSpill + 1);
  }

  /**
   * Appends a task; if the queue is full, gives the task and the configured number of the oldest to
   * the overflow, as one batch. Owner only; never fails, never drops a task.
   *
   * @param task the task
   */
  public void pushBackOrOverflow(T task) {
    if (ring.offer(task)) {
      return;
    }
    if (olderTasksToSpill > 0) {
      ring.drain(toScratch, olderTasksToSpill);
    }
    if (!ring.offer(task)) {
      scratch[scratchCount++] = task;
    }
    int count = scratchCount;
    scratchCount = 0;
    if (count > 0) {
      overflow.accept(scratch, count);
      Arrays.fill(scratch, 0, count, null);
    }
  }

  private void toScratch(T task) {
    scratch[scratchCount++] = task;
  }

  /**
   * Takes the oldest task. Any thread; one CAS.
   *
   * @return the task, or null if the queue looked empty
   */
  public T pop() {
    return ring.poll();
  }

  /**
   * Whether the queue looked empty. Any thread.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return ring.isEmpty();
  }

  /**
   * The number of queued tasks, approximately. Any thread.
   *
   * @return the length
   */
  public int len() {
    return ring.size();
  }

  /**
   * The free slots: exact on the owner, an estimate elsewhere.
   *
   * @return {@code CAPACITY - len()}
   */
  public int remainingSlots() {
    return CAPACITY - ring.size();
  }

  /**
   * Steals half of this queue (rounded up): returns the oldest stolen task and queues the rest in
   * {@code destination}, as far as its slots allow. Any thread as the victim's side; {@code
   * destination} must be owned by the calling thread. Cost: one CAS for the whole batch, no
   * allocation.
   *
   * @param destination the thief's own queue
   * @return a task to run, or null if this queue looked empty
   */
  public T stealInto(SpmcLocalQueue<T> destination) {
    int len = ring.size();
    if (len == 0) {
      return null;
    }
    ring.drain(destination.receiver, Math.min((len + 1) / 2, destination.remainingSlots() + 1));
    return destination.receiver.takeFirst();
  }

  /**
   * Takes up to {@code count} tasks from {@code global}, as far as the slots allow: returns the
   * oldest and queues the rest here. Owner only. Called by {@link MpmcGlobalQueue#popBatch}.
   */
  T popBatchFrom(MpmcGlobalQueue<T> global, int count) {
    global.drain(receiver, Math.min(count, remainingSlots() + 1));
    return receiver.takeFirst();
  }

  /**
   * Takes every queued task and hands it to {@code target}. Any thread: a monitor emptying a
   * replaced worker's queue, or the owner on its way out.
   *
   * @param target takes each task
   * @return how many moved
   */
  public int drainTo(Consumer<? super T> target) {
    int moved = 0;
    for (T task = ring.poll(); task != null; task = ring.poll()) {
      target.accept(task);
      moved++;
    }
    return moved;
  }

  /**
   * Hands each queued task to {@code action}, for task dumps: JCTools' weakly consistent iteration,
   * so a task taken or pushed meanwhile may be missed or seen twice.
   *
   * @param action what to do with each task
   */
  public void forEachQueued(Consumer<? super T> action) {
    ring.forEach(action);
  }
}
