package dev.gearbox.sync;

/**
 * Permits taken from a {@link Semaphore}; {@link #close()} gives them back, so try-with-resources
 * releases them (Tokio's {@code SemaphorePermit}, released on drop). Owned by one task at a time.
 */
public final class SemaphorePermit implements AutoCloseable {
  private final Semaphore semaphore;
  private final int permits;
  private boolean released;

  SemaphorePermit(Semaphore semaphore, int permits) {
    this.semaphore = semaphore;
    this.permits = permits;
  }

  /**
   * How many permits this holds.
   *
   * @return the count acquired
   */
  public int permits() {
    return permits;
  }

  /**
   * Gives the permits back to the semaphore, waking waiters that can now proceed. Idempotent: only
   * the first call releases. Lock-free when nobody waits.
   */
  @Override
  public void close() {
    if (!released) {
      released = true;
      semaphore.release(permits);
    }
  }

  /**
   * Gives up the permits without returning them, shrinking the semaphore for good (Tokio's {@code
   * forget}); a later {@link #close()} does nothing.
   */
  public void forget() {
    released = true;
  }

  @Override
  public String toString() {
    return "SemaphorePermit[" + permits + (released ? ", released]" : "]");
  }
}
