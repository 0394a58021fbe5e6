package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of this runtime: the shared {@link RawTask} state machine, plus the class of its future so
 * that a replacement event can name what blocked the worker, and padding so that two tasks never
 * share a cache line.
 *
 * @param <T> the output type
 */
final class MultithreadTask<T> extends RawTask<T> {
  /*
   * Implementation notes: tasks spawned in a row sit next to each other in memory (one thread's
   * allocation buffer), and the runtime hands them out in small batches, so neighbours often run
   * on different workers at the same time. Without padding a task's state word and its
   * neighbour's tail share a 64-byte line, and every poll's CAS pulls that line across cores
   * (false sharing). The padding fields, laid out after RawTask's, round the object up to
   * 128 bytes and keep the next object's fields off the lines of this task's hot fields; the
   * object before it is usually its own future, which only its runner touches.
   */

  /** The spawned future's class; the future itself is RawTask's. */
  final Class<?> futureClass;

  // Padding: never read or written.
  @SuppressWarnings("unused")
  private long pad0, pad1, pad2, pad3, pad4, pad5, pad6;

  MultithreadTask(Future<T> future, TaskScheduler scheduler) {
    super(future, scheduler);
    this.futureClass = future.getClass();
  }
}
