package dev.gearbox.workstealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The global queue (Tokio's inject queue): spawns and wakes from threads outside the workers, and
 * the overflow of full local queues. Unbounded; any thread pushes without a lock, workers take
 * batches under a lock.
 */
final class GlobalQueue {
  /*
   * Implementation notes: JCTools' Unsafe-free MpscUnboundedAtomicArrayQueue carries the tasks, in
   * chunks of CHUNK slots linked as they fill (Tokio's inject queue is a linked list under a mutex;
   * here producers stay lock-free, since remote spawns and wakes are the contended side). A push is
   * one CAS on the producer index and an ordered store into its slot: the producer touches no
   * other task and no line the consumers write, and the slots, sixteen to a cache line, reach a
   * consumer a line at a time. The depth is the difference of the two indexes, with no counter of
   * its own. An intrusive list through the tasks would make a producer write into the task pushed
   * before it, a line a consumer keeping pace has just taken (docs/decisions/0001).
   *
   * JCTools' queue has one consumer: a worker takes only while it holds `taker` (a flag set by a
   * CAS, cleared by a release store), which also orders the consumer's plain fields from one taker
   * to the next. A worker that finds the flag held goes on as if the queue were empty for now (it
   * steals, spins or parks), since the holder is moving the queue into its own local queue, where
   * the loser can steal from: nobody waits for the flag, so it needs no lock with a wait queue, and
   * its release is a plain store rather than a lock's fenced one. No wake-up rests on a take: the
   * idle protocol's re-check before parking uses isEmpty(), which is exact (below). A slot
   * claimed by a producer whose task is not stored yet makes relaxedPoll return null: the taker
   * treats the queue as empty for now, and the producer's notification, which follows its store,
   * wakes a worker that will see the task. isEmpty() compares the two indexes (a strict check): a
   * push is a CAS on the producer index, so a worker that re-checks after announcing its sleep sees
   * every push that did not see the announcement (the Dekker pair with the idle state).
   *
   * Overflow batches come from a worker's full local queue, which hands out the slots it claimed
   * one by one as fill stores them; fill claims their slots with one CAS per run that fits in the
   * current chunk.
   */
  static final int CHUNK = 1024;

  private final MpscUnboundedAtomicArrayQueue<ScheduledTask<?>> queue =
      new MpscUnboundedAtomicArrayQueue<>(CHUNK);
  private final TakerFlag taker = new TakerFlag();

  /** Pushes one task. Any thread; lock-free (one CAS). */
  void push(ScheduledTask<?> task) {
    queue.offer(task);
  }

  /**
   * Pushes the {@code count} tasks {@code tasks} hands out, in order. Any thread; lock-free: fill
   * claims the slots of each run that fits in the current chunk with one CAS.
   */
  void pushBatch(Supplier<ScheduledTask<?>> tasks, int count) {
    MessagePassingQueue.Supplier<ScheduledTask<?>> source = tasks::get;
    int pushed = 0;
    while (pushed < count) {
      pushed += queue.fill(source, count - pushed);
    }
  }

  /** Whether the queue holds no task (a task being pushed counts as held). Any thread. */
  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Tasks pushed since creation, overflow batches included. */
  long pushed() {
    return queue.currentProducerIndex();
  }

  /** The number of queued tasks, exact when nothing is pushed or popped at the same time. */
  int depth() {
    return queue.size();
  }

  /**
   * Takes up to {@code max} tasks: returns the first and pushes the others into {@code into}, which
   * must have room for {@code max - 1} more. Any thread; takes nothing while another thread takes.
   *
   * @return the first task taken, or null if none was available or another worker was taking
   */
  ScheduledTask<?> popBatch(int max, LocalRunQueue into) {
    if (queue.isEmpty()) {
      return null;
    }
    if (!taker.tryAcquire()) {
      return null;
    }
    try {
      ScheduledTask<?> first = queue.relaxedPoll();
      if (first == null) {
        return null;
      }
      for (int taken = 1; taken < max; taken++) {
        ScheduledTask<?> task = queue.relaxedPoll();
        if (task == null) {
          break;
        }
        into.pushBack(task);
      }
      return first;
    } finally {
      taker.release();
    }
  }

  /**
   * Takes and aborts every queued task, waiting out a push under way; for the last worker to end,
   * after the task set was closed. Any thread.
   */
  void drainAndAbort() {
    while (!isEmpty()) {
      ScheduledTask<?> task = popBatch(1, null);
      if (task != null) {
        task.abortQueued(); // a no-op for a stale entry, whose task is complete
      } else {
        Thread.onSpinWait(); // a producer claimed a slot and has not stored its task yet
      }
    }
  }

  /**
   * The queued tasks, for task dumps: JCTools' weakly consistent iterator, safe beside pushes and
   * takes (a task taken meanwhile may be missed or still shown).
   */
  Iterable<ScheduledTask<?>> forDump() {
    return queue;
  }
}

/** Padding before the taker flag: see TakerFlagField. */
class TakerFlagPadding {
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;
}

/**
 * The word of the global queue's taker flag, on a cache line of its own: the takers write it, and a
 * neighbour read at every push or poll would miss each time it changed hands.
 */
class TakerFlagField extends TakerFlagPadding {
  @SuppressWarnings("unused") // accessed through TakerFlag.HELD
  volatile int held;
}

/**
 * Who may take from the global queue: 1 while a worker takes, else 0. Acquired by a CAS (never
 * waited for), released by a release store. The JVM lays out superclass fields first, so the word
 * sits between TakerFlagPadding's fields and these.
 */
final class TakerFlag extends TakerFlagField {
  private static final VarHandle HELD;

  static {
    try {
      HELD = MethodHandles.lookup().findVarHandle(TakerFlagField.class, "held", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  /** Takes the flag if it is free; true if the caller now holds it. Never waits. */
  boolean tryAcquire() {
    return (int) HELD.getOpaque(this) == 0 && HELD.compareAndSet(this, 0, 1);
  }

  /** Frees the flag; its holder only. Orders the holder's writes before the next acquire. */
  void release() {
    HELD.setRelease(this, 0);
  }
}
