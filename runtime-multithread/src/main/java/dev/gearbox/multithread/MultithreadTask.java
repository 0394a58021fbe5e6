package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;

/**
 * A task of this runtime: the shared {@link RawTask} state machine, plus the class of its future so
 * that a replacement event can name what blocked the worker.
 *
 * @param <T> the output type
 */
final class MultithreadTask<T> extends RawTask<T> {
  /** The spawned future's class; the future itself is RawTask's. */
  final Class<?> futureClass;

  MultithreadTask(Future<T> future, TaskScheduler scheduler) {
    super(future, scheduler);
    this.futureClass = future.getClass();
  }
}
