package dev.gearbox.spi;

/**
 * A {@link TaskScheduler} that keeps only its waiting tasks in an {@link OwnedTasks} set: a task is
 * bound when it first returns Pending with no wake pending ({@link #beforeWait}) and removed when
 * it finishes ({@link #release}), so a task that completes in its first poll never touches the set,
 * and shutdown still finds every task that waits. The glue is written here once; a runtime supplies
 * its set and, in {@link #afterRelease}, its own bookkeeping of finished tasks.
 *
 * <p>The schedulers of {@code runtime-workstealing} and {@code runtime-multithread} and the {@code
 * embedded} runtime bind this way; {@code runtime-minimal}'s executors and the blocking pool bind
 * at spawn instead.
 */
public interface BindOnWaitScheduler extends TaskScheduler {
  /**
   * The set of this scheduler's waiting tasks.
   *
   * @return the set, the same object every time
   */
  OwnedTasks owned();

  /**
   * Binds the task to {@link #owned()}; refused once the set is closed (the runtime is shutting
   * down), in which case the task completes as cancelled.
   */
  @Override
  default boolean beforeWait(RawTask<?> task) {
    return owned().bind(task);
  }

  /** Removes the task from {@link #owned()} if it is there, then calls {@link #afterRelease}. */
  @Override
  default void release(RawTask<?> task) {
    owned().remove(task);
    afterRelease(task);
  }

  /**
   * Hears that a finished task has left the owned set, on the thread that finished it: where a
   * runtime counts completions. The default does nothing.
   *
   * @param task the finished task
   */
  default void afterRelease(RawTask<?> task) {}
}
