package dev.gearbox.workstealing;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of this runtime: the shared {@link RawTask} state machine, the future's class for the
 * slow-poll event, and padding.
 *
 * @param <T> the output type
 */
final class ScheduledTask<T> extends RawTask<T> {
  /** The spawned future's class, for the slow-poll event; the future itself is RawTask's. */
  final Class<?> futureClass;

  /**
   * The next task of the deferred-yield list this task is on (WorkerThread's); owned by the worker
   * whose list holds the task, null whenever it is on none.
   */
  ScheduledTask<?> deferredNext;

  // Padding: tasks spawned one after another lie next to each other in memory, and the fields a
  // poll writes (RawTask's, and deferredNext, laid out last) must not share a cache line with a
  // neighbour polled on another worker. Seven longs put more than 63 bytes between the last byte
  // of deferredNext and the class word of the next object, the first a worker reads of it, so the
  // two never lie in one 64-byte line (as MultithreadTask's padding does).
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6;

  ScheduledTask(Future<T> future, TaskScheduler scheduler) {
    super(future, scheduler);
    this.futureClass = future.getClass();
  }
}
