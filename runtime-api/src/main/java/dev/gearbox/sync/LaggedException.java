package dev.gearbox.sync;

/**
 * A {@link Broadcast} receiver fell so far behind that messages it had not received were
 * overwritten (Tokio's {@code RecvError::Lagged}). The receiver has moved on to the oldest message
 * still retained, so receiving again continues from there.
 */
public final class LaggedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How many messages the receiver missed. */
  private final long missed;

  /**
   * Creates the exception.
   *
   * @param missed how many messages were skipped, at least 1
   */
  public LaggedException(long missed) {
    super("broadcast receiver lagged behind and missed " + missed + " messages");
    this.missed = missed;
  }

  /**
   * How many messages the receiver missed.
   *
   * @return the count of skipped messages
   */
  public long missed() {
    return missed;
  }
}
