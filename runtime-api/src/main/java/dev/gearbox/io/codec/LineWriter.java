package dev.gearbox.io.codec;

import dev.gearbox.future.Future;
import dev.gearbox.io.TcpStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes lines of text to a {@link TcpStream}, each followed by a line break: the encoder half of
 * tokio-util's {@code LinesCodec}, for what a {@link LineReader} reads.
 *
 * <p>Cost: each line is encoded into one buffer the writer reuses (kept up to 64 KiB), then written
 * with one {@link TcpStream#writeAll}; characters the charset cannot encode become its replacement
 * byte, as {@link String#getBytes(Charset)} does.
 *
 * <p>Not thread-safe: one task writes at a time, and one write is in progress at a time (each
 * future encodes when first polled, so {@code writeLine(a).andThen(writeLine(b))} is fine; polling
 * two at once fails the second). The writer never closes the stream.
 */
public final class LineWriter {
  private final EncodedWrite.OutputBuffer output;
  private final CharsetEncoder encoder;
  private final LineSeparator separator;

  /**
   * A writer of UTF-8 lines ended by {@code "\n"}.
   *
   * @param stream the stream to write; it stays the caller's to close
   * @throws NullPointerException if {@code stream} is null
   */
  public LineWriter(TcpStream stream) {
    this(stream, StandardCharsets.UTF_8, LineSeparator.LF);
  }

  /**
   * A writer of lines in {@code charset} ended by {@code separator}.
   *
   * @param stream the stream to write; it stays the caller's to close
   * @param charset the charset; it must encode {@code '\r'} and {@code '\n'} as the single bytes 13
   *     and 10 (UTF-8, US-ASCII, ISO-8859-1 and the like; not UTF-16)
   * @param separator the line break written after each line
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code charset} is not allowed
   */
  public LineWriter(TcpStream stream, Charset charset, LineSeparator separator) {
    Objects.requireNonNull(stream, "stream");
    this.encoder =
        LineCharset.check(charset)
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    this.separator = Objects.requireNonNull(separator, "separator");
    this.output = new EncodedWrite.OutputBuffer(stream, "LineWriter");
  }

  /**
   * A future that writes {@code line} and a line break.
   *
   * @param line the line, without line break; read when the future is first polled
   * @return a future that completes when the line and its break are written, and fails as the
   *     stream's write fails, or with an {@link IllegalStateException} if polled while another
   *     write of this writer is in progress
   * @throws NullPointerException if {@code line} is null
   * @throws IllegalArgumentException if {@code line} contains {@code '\n'} or {@code '\r'}, naming
   *     the index
   */
  public Future<Void> writeLine(CharSequence line) {
    Objects.requireNonNull(line, "line");
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException(
            String.format(
                "a line must not contain a line break, but found %s at index %d of %d characters",
                c == '\n' ? "'\\n'" : "'\\r'", i, line.length()));
      }
    }
    return new EncodedWrite(output) {
      @Override
      ByteBuffer encode(ByteBuffer out) {
        return encodeLine(line, out);
      }
    };
  }

  private ByteBuffer encodeLine(CharSequence line, ByteBuffer out) {
    long bound =
        (long) Math.ceil((double) encoder.maxBytesPerChar() * line.length())
            + separator.text().length();
    if (out.capacity() < bound) {
      out = output.grow(out, bound);
    }
    encoder.reset();
    CoderResult result = encoder.encode(CharBuffer.wrap(line), out, true);
    if (!result.isUnderflow() || !encoder.flush(out).isUnderflow()) {
      throw new IllegalStateException("encoding a line of " + line.length() + " chars: " + result);
    }
    for (int i = 0; i < separator.text().length(); i++) {
      out.put((byte) separator.text().charAt(i));
    }
    return out;
  }
}
