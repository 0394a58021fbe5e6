package dev.gearbox.workstealing;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A task of this runtime: the shared {@link RawTask} state machine plus an intrusive link, so that
 * the inject queue and overflow batches move tasks without allocating a node per push.
 *
 * @param <T> the output type
 */
final class ScheduledTask<T> extends RawTask<T> {
  /*
   * Implementation notes: the state machine guarantees that a task has at most one queue entry at a
   * time (SCHEDULED is set once per wake that found it idle), so one link field is enough.
   *
   * `next`: written plain by the thread that builds a chain before the inject queue's volatile
   * exchange publishes it; the producer that links the previous tail writes it with release
   * (soNext); the consumer, holding the inject queue's lock, reads it with acquire (lvNext).
   */
  private static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(ScheduledTask.class, "next", ScheduledTask.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through NEXT
  private ScheduledTask<?> next;

  /** The spawned future's class, for the slow-poll event; the future itself is RawTask's. */
  final Class<?> futureClass;

  // Padding: tasks spawned one after another lie next to each other in memory, and the fields a
  // poll writes (RawTask's) must not share a cache line with a neighbour polled on another worker.
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  ScheduledTask(Future<T> future, TaskScheduler scheduler) {
    super(future, scheduler);
    this.futureClass = future.getClass();
  }

  /** Reads the link with acquire semantics. */
  ScheduledTask<?> lvNext() {
    return (ScheduledTask<?>) NEXT.getAcquire(this);
  }

  /** Writes the link with release semantics: publishes what was written before it. */
  void soNext(ScheduledTask<?> task) {
    NEXT.setRelease(this, task);
  }

  /** Writes the link plainly, for a chain not yet visible to other threads. */
  void spNext(ScheduledTask<?> task) {
    NEXT.set(this, task);
  }
}
