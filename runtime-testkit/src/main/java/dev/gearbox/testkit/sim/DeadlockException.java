package dev.gearbox.testkit.sim;

/**
 * Thrown by {@code blockOn} of the simulated runtime when its future can never complete: no task is
 * ready, no timer and no network event is pending, no blocking task runs, and no other thread woke
 * a task within the grace period. The message lists the waiting tasks (number, name, host, where
 * spawned, what they run), the seed, and how to replay it.
 */
public final class DeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final long seed;

  DeadlockException(String message, long seed) {
    super(message);
    this.seed = seed;
  }

  /**
   * The seed of the run that deadlocked.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }
}
