package dev.gearbox.runtime;

import dev.gearbox.future.Future;
import java.util.concurrent.Callable;

/**
 * Static shortcuts for the {@linkplain Runtime#current() current runtime}, for code inside tasks
 * (as Tokio's {@code tokio::spawn}).
 */
public final class Task {
  private Task() {}

  /**
   * Spawns {@code future} on the runtime that polls the calling task.
   *
   * @param future the future to run
   * @param <T> its output type
   * @return the task's handle
   * @throws IllegalStateException if the calling thread belongs to no runtime
   */
  public static <T> JoinHandle<T> spawn(Future<T> future) {
    return Runtime.current().spawn(future);
  }

  /**
   * Runs {@code task} on the blocking pool of the current runtime.
   *
   * @param task the blocking work
   * @param <T> its result type
   * @return the task's handle
   * @throws IllegalStateException if the calling thread belongs to no runtime
   */
  public static <T> JoinHandle<T> spawnBlocking(Callable<T> task) {
    return Runtime.current().spawnBlocking(task);
  }
}
