package dev.gearbox.io.driver;

/**
 * A direction of readiness a future can wait for on a {@link Registration}, as mio's {@code
 * Interest}.
 */
public enum Interest {
  /** Data to read, a connection to accept, or end of stream or an error to observe. */
  READABLE,
  /** Room to write, a connection attempt that finished (or failed), or an error to observe. */
  WRITABLE
}
