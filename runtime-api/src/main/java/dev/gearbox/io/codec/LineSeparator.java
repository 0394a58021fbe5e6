package dev.gearbox.io.codec;

/** The line break a {@link LineWriter} ends each line with. */
public enum LineSeparator {
  /** {@code "\n"}, as Unix text and most line protocols use. */
  LF("\n"),
  /** {@code "\r\n"}, as HTTP, SMTP and Telnet require. */
  CRLF("\r\n");

  private final String text;

  LineSeparator(String text) {
    this.text = text;
  }

  /**
   * The separator's characters.
   *
   * @return {@code "\n"} or {@code "\r\n"}
   */
  public String text() {
    return text;
  }
}
