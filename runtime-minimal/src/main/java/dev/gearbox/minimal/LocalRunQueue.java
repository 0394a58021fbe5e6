package dev.gearbox.minimal;

import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * A runner's own bounded FIFO run queue: only the owning runner thread adds tasks; the owner and
 * other runners (stealing) take them.
 */
final class LocalRunQueue {
  /*
   * Implementation notes: after async-executor's per-runner `ConcurrentQueue::bounded(512)` and its
   * `steal` function. The backing queue is JCTools' SpmcAtomicArrayQueue: single producer (the
   * owner), many consumers (the owner and thieves), on field updaters. Moving tasks between queues
   * is task by task: a thief polls a victim's queue and offers into its own, so each task is taken
   * exactly once and is never in two queues. Batches are sized from estimates and may come out
   * smaller when others take concurrently.
   *
   * A task that does not fit (the queue is full, or a consumer has claimed a slot and not yet
   * cleared it) goes to the global queue instead, so push() never fails and never drops a task.
   *
   * Threads: push() and the `into` side of the moves on the owner thread only; poll() and the
   * `from` side on any thread.
   */
  static final int CAPACITY = 256;

  private final SpmcAtomicArrayQueue<RawTask<?>> tasks = new SpmcAtomicArrayQueue<>(CAPACITY);
  private final MpmcGlobalQueue<RawTask<?>> global;

  /** Creates an empty queue that spills into {@code global} when full. */
  LocalRunQueue(MpmcGlobalQueue<RawTask<?>> global) {
    this.global = global;
  }

  /** Adds a task at the tail, or to the global queue when full; owner thread only. */
  void push(RawTask<?> task) {
    if (!tasks.offer(task)) {
      global.push(task);
    }
  }

  /** Takes the task at the head, or null when empty. Any thread. */
  RawTask<?> poll() {
    return tasks.poll();
  }

  /** An estimate of the number of queued tasks. */
  int size() {
    return tasks.size();
  }

  /** The room left, as an estimate; owner thread only (the only thread that adds). */
  int room() {
    return CAPACITY - tasks.size();
  }

  /**
   * Moves about half of {@code victim}'s tasks (rounded up) into this queue, as far as there is
   * room; the calling thread must own this queue.
   *
   * @return the number of tasks moved
   */
  int stealHalfOf(LocalRunQueue victim) {
    int wanted = Math.min((victim.size() + 1) / 2, room());
    int moved = 0;
    while (moved < wanted) {
      RawTask<?> task = victim.poll();
      if (task == null) {
        break;
      }
      push(task);
      moved++;
    }
    return moved;
  }

  /**
   * Moves a batch from the global queue into this queue: about its share of the global queue, given
   * {@code runners} runners, at least one task, at most the room left; the calling thread must own
   * this queue.
   *
   * @return the number of tasks moved
   */
  int takeBatchFromGlobal(int runners) {
    int share = global.depth() / Math.max(1, runners) + 1;
    int wanted = Math.min(share, room());
    int moved = 0;
    while (moved < wanted) {
      RawTask<?> task = global.poll();
      if (task == null) {
        break;
      }
      push(task);
      moved++;
    }
    return moved;
  }

  /** Moves every task to the global queue, when the owning runner leaves. Owner thread only. */
  void drainToGlobal() {
    for (RawTask<?> task = tasks.poll(); task != null; task = tasks.poll()) {
      global.push(task);
    }
  }
}
