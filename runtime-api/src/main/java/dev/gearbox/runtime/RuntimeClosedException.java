package dev.gearbox.runtime;

/** Work was submitted to a runtime that is shut down. */
public final class RuntimeClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind the runtime's kind
   * @param operation what was attempted, such as {@code spawn}
   */
  public RuntimeClosedException(String kind, String operation) {
    super(operation + " on a closed runtime '" + kind + "': the runtime was shut down");
  }
}
