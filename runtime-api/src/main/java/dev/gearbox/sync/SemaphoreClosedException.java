package dev.gearbox.sync;

/** An acquire that cannot succeed because its {@link Semaphore} was closed. */
public final class SemaphoreClosedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted
   */
  public SemaphoreClosedException(String message) {
    super(message);
  }
}
