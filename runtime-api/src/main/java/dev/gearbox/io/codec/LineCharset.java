package dev.gearbox.io.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The charsets lines can be read and written in: those where line breaks are plain bytes. */
final class LineCharset {
  private LineCharset() {}

  /**
   * Checks that {@code charset} encodes {@code "\r\n"} as the two bytes 13, 10, so that a line
   * break can be found in the bytes before decoding (true of UTF-8, US-ASCII, the ISO-8859 and
   * Windows code pages; false of UTF-16 and UTF-32).
   *
   * @return {@code charset}
   * @throws NullPointerException if {@code charset} is null
   * @throws IllegalArgumentException if it does not
   */
  static Charset check(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    if (charset.equals(StandardCharsets.UTF_8)) {
      return charset;
    }
    boolean asciiBreaks;
    try {
      ByteBuffer encoded = charset.newEncoder().encode(java.nio.CharBuffer.wrap("\r\n"));
      asciiBreaks = encoded.remaining() == 2 && encoded.get(0) == '\r' && encoded.get(1) == '\n';
    } catch (CharacterCodingException | UnsupportedOperationException e) {
      asciiBreaks = false;
    }
    if (!asciiBreaks) {
      throw new IllegalArgumentException(
          "charset "
              + charset.name()
              + " is not allowed for lines: the charset must encode '\\r' and '\\n' as the single"
              + " bytes 13 and 10 (as UTF-8, US-ASCII and ISO-8859-1 do)");
    }
    return charset;
  }
}
