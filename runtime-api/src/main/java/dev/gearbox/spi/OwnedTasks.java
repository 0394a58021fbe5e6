package dev.gearbox.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The set of a runtime's alive tasks, so that shutdown can cancel every one of them. Binding and
 * releasing a task take one uncontended lock of a shard chosen at random.
 *
 * <p>Implementation notes: after Tokio's {@code OwnedTasks}, a fixed number of shards, each an
 * intrusive doubly-linked list through {@link RawTask}'s {@code owned*} fields, guarded by the
 * shard's monitor. {@link #closeAndCancelAll()} sets {@code closed} before taking each shard's
 * lock, and {@link #bind} reads it under that lock, so no task is bound after a shard was drained.
 * Tasks are unlinked under the lock and aborted outside it, because an abort completes the task,
 * which re-enters {@link #remove}.
 */
public final class OwnedTasks {
  private final Shard[] shards;
  private final int mask;
  private final LongAdder spawned = new LongAdder();
  private final LongAdder alive = new LongAdder();
  private volatile boolean closed;

  /**
   * One shard: its list head and, through its monitor, its lock. Padded so that shards allocated
   * one after another do not share a cache line: an unpadded shard is 16 bytes, four to a line, and
   * two workers locking two different shards would then still pull one line back and forth.
   */
  private static final class Shard {
    RawTask<?> head;

    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6;
  }

  /** Creates an empty set with a shard count suited to the machine. */
  public OwnedTasks() {
    int cpus = java.lang.Runtime.getRuntime().availableProcessors();
    int wanted = Integer.highestOneBit(cpus * 4 - 1) << 1;
    shards = new Shard[wanted];
    for (int i = 0; i < wanted; i++) {
      shards[i] = new Shard();
    }
    mask = wanted - 1;
  }

  /**
   * Adds a new task.
   *
   * @param task the task, not yet bound
   * @return false if the set is closed: the caller must refuse the spawn
   */
  public boolean bind(RawTask<?> task) {
    Shard shard = shards[ThreadLocalRandom.current().nextInt() & mask];
    synchronized (shard) {
      if (closed) {
        return false;
      }
      task.ownedBy = shard;
      task.ownedNext = shard.head;
      if (shard.head != null) {
        shard.head.ownedPrev = task;
      }
      shard.head = task;
    }
    spawned.increment();
    alive.increment();
    return true;
  }

  /**
   * Removes a finished task; does nothing if it was already removed.
   *
   * @param task a task of this set
   */
  public void remove(RawTask<?> task) {
    Object shard = task.ownedBy; // re-checked under the shard's lock
    if (shard == null) {
      return;
    }
    synchronized (shard) {
      if (task.ownedBy != shard) {
        return;
      }
      unlink((Shard) shard, task);
    }
    alive.decrement();
  }

  private static void unlink(Shard shard, RawTask<?> task) {
    if (task.ownedPrev != null) {
      task.ownedPrev.ownedNext = task.ownedNext;
    } else {
      shard.head = task.ownedNext;
    }
    if (task.ownedNext != null) {
      task.ownedNext.ownedPrev = task.ownedPrev;
    }
    task.ownedPrev = null;
    task.ownedNext = null;
    task.ownedBy = null;
  }

  /**
   * Refuses further binds and aborts every task in the set. Tasks inside a poll complete as
   * cancelled when that poll returns. Idempotent.
   */
  public void closeAndCancelAll() {
    closed = true;
    for (Shard shard : shards) {
      while (true) {
        RawTask<?> task;
        synchronized (shard) {
          task = shard.head;
          if (task == null) {
            break;
          }
          unlink(shard, task);
        }
        alive.decrement();
        task.abort();
      }
    }
  }

  /**
   * Hands every task of the set to {@code visitor}, one shard at a time under that shard's lock (so
   * binds and removes on that shard wait meanwhile): for task dumps, whose visitor only reads the
   * task. Allocates nothing.
   *
   * @param visitor what to do with each task; must not bind or remove tasks
   */
  public void forEach(java.util.function.Consumer<RawTask<?>> visitor) {
    for (Shard shard : shards) {
      synchronized (shard) {
        for (RawTask<?> task = shard.head; task != null; task = task.ownedNext) {
          visitor.accept(task);
        }
      }
    }
  }

  /**
   * Whether {@link #closeAndCancelAll()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Tasks bound and not yet finished (or cancelled by close).
   *
   * @return the alive count
   */
  public long alive() {
    return alive.sum();
  }

  /**
   * Tasks bound since creation.
   *
   * @return the bind count
   */
  public long spawned() {
    return spawned.sum();
  }
}
