package dev.gearbox.time;

import java.time.Duration;
import java.util.Objects;

/**
 * A future wrapped by {@link Time#timeout} did not complete within its duration; the wrapped future
 * was dropped. Unchecked, as Tokio's {@code time::error::Elapsed}; not to be confused with the
 * checked {@link java.util.concurrent.TimeoutException} of blocking APIs.
 */
public final class TimedOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The time limit that passed. */
  private final Duration duration;

  /**
   * Creates the exception, with the message {@code "timed out after " + duration}, for example
   * {@code "timed out after PT0.5S"}.
   *
   * @param duration the time limit that passed
   * @throws NullPointerException if {@code duration} is null
   */
  public TimedOutException(Duration duration) {
    super("timed out after " + Objects.requireNonNull(duration, "duration"));
    this.duration = duration;
  }

  /**
   * The time limit that passed.
   *
   * @return the duration given to {@code timeout}
   */
  public Duration duration() {
    return duration;
  }
}
