package dev.gearbox.sync;

/**
 * A channel operation that cannot succeed because the channel is closed: a send after either side
 * closed, or a {@link Oneshot} receive whose sender closed without sending.
 */
public final class ChannelClosedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted and who closed the channel
   */
  public ChannelClosedException(String message) {
    super(message);
  }
}
