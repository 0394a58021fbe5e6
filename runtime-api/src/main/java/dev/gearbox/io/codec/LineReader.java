package dev.gearbox.io.codec;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpStream;
import dev.gearbox.stream.Stream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads lines of text from a {@link TcpStream} (tokio-util's {@code LinesCodec} under a {@code
 * FramedRead}, Netty's {@code LineBasedFrameDecoder}): {@link #readLine()} is a future of the next
 * line, and the reader is also a {@link Stream} of lines.
 *
 * <ul>
 *   <li>A line ends at {@code "\n"} or {@code "\r\n"}; the line break is not part of the line. An
 *       empty line is the empty string.
 *   <li>At end of stream, bytes after the last line break are a last line (without a trailing
 *       {@code '\r'}), as {@link java.io.BufferedReader#readLine()} does; then {@code null}.
 *   <li>A line longer than {@code maxLength} bytes (its break not counted) fails the read with a
 *       {@link FrameTooLongException} as soon as more than {@code maxLength} bytes of it have
 *       arrived, so the buffer never holds more than {@code maxLength + 2} bytes. The reader stays
 *       usable: it discards the rest of that line, up to and including its break, and the next read
 *       returns the line after it.
 *   <li>Bytes are decoded after the line is complete, so a character split between two reads
 *       decodes whole; malformed bytes become U+FFFD, as {@code new String(bytes, charset)} does.
 * </ul>
 *
 * <p>Cost: one {@code String} per line; the future {@link #readLine()} returns is the same object
 * each time, and the buffer (at most {@code maxLength + 2} bytes, 8 KiB at first) is reused. A line
 * already buffered spends one unit of the task's cooperative budget ({@link
 * Context#proceedOrYield()}), so a task reading many buffered lines still yields its worker.
 *
 * <p>Not thread-safe: one task reads at a time. Dropping a pending read loses nothing: the bytes
 * stay buffered for the next one. The reader never closes the stream.
 */
public final class LineReader implements Stream<String> {
  /*
   * Implementation notes: the unread bytes are input[start, end). `scanned` counts the unread
   * bytes already searched for '\n' without success, so a line that arrives in many reads is
   * scanned once. `discarding` is set after a too-long line was refused and until its break has
   * been read; meanwhile nothing is kept. `ended` is set once the stream read -1: the stream is not
   * read again.
   */

  /** The largest allowed {@code maxLength}: the buffer's capacity must fit in an array. */
  public static final int MAX_LIMIT = Integer.MAX_VALUE - 16;

  private final ReadBuffer input;
  private final int maxLength;
  private final Charset charset;
  private final Future<String> nextLine = new NextLine();
  private int scanned;
  private boolean discarding;
  private boolean ended;

  /**
   * A reader of UTF-8 lines of at most {@code maxLength} bytes.
   *
   * @param stream the stream to read; it stays the caller's to close
   * @param maxLength the longest line allowed, in bytes without its line break, 1 to {@link
   *     #MAX_LIMIT}
   * @throws NullPointerException if {@code stream} is null
   * @throws IllegalArgumentException if {@code maxLength} is out of range
   */
  public LineReader(TcpStream stream, int maxLength) {
    this(stream, maxLength, StandardCharsets.UTF_8);
  }

  /**
   * A reader of lines of at most {@code maxLength} bytes in {@code charset}.
   *
   * @param stream the stream to read; it stays the caller's to close
   * @param maxLength the longest line allowed, in bytes without its line break, 1 to {@link
   *     #MAX_LIMIT}
   * @param charset the charset of the lines; it must encode {@code '\r'} and {@code '\n'} as the
   *     single bytes 13 and 10 (UTF-8, US-ASCII, ISO-8859-1 and the like; not UTF-16)
   * @throws NullPointerException if {@code stream} or {@code charset} is null
   * @throws IllegalArgumentException if {@code maxLength} is out of range or {@code charset} is not
   *     allowed
   */
  public LineReader(TcpStream stream, int maxLength, Charset charset) {
    Objects.requireNonNull(stream, "stream");
    if (maxLength < 1 || maxLength > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "maxLength " + maxLength + " is not allowed: it must be between 1 and " + MAX_LIMIT);
    }
    this.charset = LineCharset.check(charset);
    this.maxLength = maxLength;
    this.input = new ReadBuffer(stream, maxLength + 2);
  }

  /**
   * A future of the next line, or {@code null} once the stream has ended and every line was read.
   * It fails with a {@link FrameTooLongException} naming the limit for a line that is too long (the
   * next read then returns the line after it), or as the stream's read fails. The same object is
   * returned by every call; poll it to completion before asking for the next line.
   *
   * @return the future of the next line
   */
  public Future<String> readLine() {
    return nextLine;
  }

  /**
   * The longest line allowed, in bytes without its line break.
   *
   * @return the limit
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Removes and returns the bytes read from the stream but not yet returned as lines, for a
   * protocol that continues in another form after its lines (an HTTP body after the header lines).
   * Bytes of a too-long line being discarded are not among them. Drops a pending read.
   *
   * @return a new buffer of the bytes, ready to be read; empty if there are none
   */
  public ByteBuffer takeBuffered() {
    scanned = 0;
    discarding = false;
    return input.take();
  }

  @Override
  public Poll<String> pollNext(Context cx) throws Exception {
    boolean readThisPoll = false;
    while (true) {
      if (discarding) {
        discardToLineBreak();
      }
      if (!discarding) {
        int lineBreak = findLineBreak();
        if (lineBreak >= 0) {
          if (!readThisPoll && !cx.proceedOrYield()) {
            return Poll.pending();
          }
          return Poll.ready(takeLine(lineBreak));
        }
        refuseIfTooLong();
        if (ended) {
          return input.available() == 0 ? Stream.end() : Poll.ready(takeLastLine());
        }
      } else if (ended) {
        return Stream.end();
      }
      Poll<Integer> read = input.fill(cx);
      if (!(read instanceof Poll.Ready<Integer>(Integer count))) {
        return Poll.pending();
      }
      readThisPoll = true;
      if (count < 0) {
        ended = true;
      }
    }
  }

  /** The index of the first '\n' among the unread bytes, or -1; advances {@code scanned}. */
  private int findLineBreak() {
    byte[] bytes = input.array();
    int end = input.end();
    for (int i = input.start() + scanned; i < end; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    scanned = input.available();
    return -1;
  }

  /**
   * Refuses the line being read once its unread bytes, less a last '\r' that may begin its break,
   * exceed the limit; starts discarding the rest of it.
   */
  private void refuseIfTooLong() throws FrameTooLongException {
    int length = input.available();
    if (length > 0 && input.array()[input.end() - 1] == '\r') {
      length--;
    }
    if (length > maxLength) {
      input.consumeAll();
      scanned = 0;
      discarding = !ended;
      throw tooLong(length, false);
    }
  }

  /** Drops unread bytes up to and including the next '\n'; clears {@code discarding} if found. */
  private void discardToLineBreak() {
    byte[] bytes = input.array();
    for (int i = input.start(); i < input.end(); i++) {
      if (bytes[i] == '\n') {
        input.consume(i + 1 - input.start());
        discarding = false;
        return;
      }
    }
    input.consumeAll();
  }

  /** Decodes the line that ends at the '\n' at {@code lineBreak} and consumes it with its break. */
  private String takeLine(int lineBreak) throws FrameTooLongException {
    int start = input.start();
    int end = lineBreak > start && input.array()[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
    int length = end - start;
    String line = length > maxLength ? null : new String(input.array(), start, length, charset);
    input.consume(lineBreak + 1 - start);
    scanned = 0;
    if (line == null) {
      throw tooLong(length, true);
    }
    return line;
  }

  /** Decodes and consumes the bytes left at end of stream, less a last '\r'. */
  private String takeLastLine() {
    int length = input.available();
    if (input.array()[input.end() - 1] == '\r') {
      length--;
    }
    String line = new String(input.array(), input.start(), length, charset);
    input.consumeAll();
    scanned = 0;
    return line;
  }

  private FrameTooLongException tooLong(int length, boolean complete) {
    String message =
        complete
            ? String.format(
                "line from %s is %d bytes long, over the limit of %d bytes (maxLength)",
                input.peer(), length, maxLength)
            : String.format(
                "line from %s exceeds the limit of %d bytes (maxLength): %d bytes read without a"
                    + " line break",
                input.peer(), maxLength, length);
    return new FrameTooLongException(message, length, maxLength);
  }

  @Override
  public void drop() {
    input.cancelRead();
  }

  /** {@link #readLine()}: polls the reader; dropping it drops the pending read only. */
  private final class NextLine implements Future<String> {
    @Override
    public Poll<String> poll(Context cx) throws Exception {
      return pollNext(cx);
    }

    @Override
    public void drop() {
      input.cancelRead();
    }
  }
}
