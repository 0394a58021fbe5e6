package dev.gearbox.io.codec;

import java.io.IOException;

/**
 * A line or frame longer than its decoder's limit, refused before it was buffered or allocated
 * (Netty's {@code TooLongFrameException}, tokio-util's {@code MaxLineLengthExceeded}).
 */
public final class FrameTooLongException extends IOException {
  private static final long serialVersionUID = 1L;

  /** For a frame: its announced length; for a line: the bytes of it seen so far. */
  private final long length;

  private final int limit;

  FrameTooLongException(String message, long length, int limit) {
    super(message);
    this.length = length;
    this.limit = limit;
  }

  /**
   * The refused length: a frame's announced payload length (unsigned), or, for a line, a lower
   * bound: the bytes of it read before it was refused.
   *
   * @return the length in bytes
   */
  public long length() {
    return length;
  }

  /**
   * The decoder's limit, in bytes.
   *
   * @return the maximum line or frame length
   */
  public int limit() {
    return limit;
  }
}
