package dev.gearbox.workstealing;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of this runtime: the shared {@link RawTask} state machine plus a link, with which a full
 * local queue hands half of itself to the inject queue as one chain.
 *
 * @param <T> the output type
 */
final class ScheduledTask<T> extends RawTask<T> {
  /*
   * Implementation notes: the state machine guarantees that a task has at most one queue entry at a
   * time (SCHEDULED is set once per wake that found it idle), so one link field is enough.
   *
   * `next`: written and read plainly by the one worker that builds a chain and pushes it into the
   * inject queue, which unlinks each task as it stores it; the queue's own ordered stores publish
   * the tasks.
   */
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

  /** The link of a chain being built or handed to the inject queue; plain. */
  ScheduledTask<?> next() {
    return next;
  }

  /** Writes the link plainly, for a chain not yet visible to other threads. */
  void spNext(ScheduledTask<?> task) {
    next = task;
  }
}
