package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.TaskDump;

/**
 * Thrown by {@code blockOn} of the simulated runtime when its future can never complete: no task is
 * ready, no timer and no network event is pending, no blocking task runs, and no other thread woke
 * a task within the grace period. The message lists the waiting tasks (number, name, host, where
 * spawned, what they run), the seed, and how to replay it; {@link #taskDump()} is the task dump
 * taken at the deadlock, for a test to inspect.
 */
public final class DeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final transient TaskDump taskDump;

  DeadlockException(String message, long seed, TaskDump taskDump) {
    super(message);
    this.seed = seed;
    this.taskDump = taskDump;
  }

  /**
   * The seed of the run that deadlocked.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The task dump taken when the deadlock was found: every waiting task counted by state and by the
   * leaf future it waits in, the first 20 listed. Null after the exception was deserialised.
   *
   * @return the dump
   */
  public TaskDump taskDump() {
    return taskDump;
  }
}
