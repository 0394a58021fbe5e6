package dev.gearbox.io.codec;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpStream;
import dev.gearbox.stream.Stream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads length-delimited frames from a {@link TcpStream} in a {@link FrameFormat} (tokio-util's
 * {@code LengthDelimitedCodec} under a {@code FramedRead}): {@link #readFrame()} is a future of the
 * next frame's payload, and the reader is also a {@link Stream} of payloads.
 *
 * <ul>
 *   <li>The length prefix is read as an unsigned integer and checked against {@link
 *       FrameFormat#maxFrameLength()} before the payload is allocated: a 4-byte prefix with its top
 *       bit set is a length above 2 GiB, never a negative one, and is refused as too long.
 *   <li>A refused length fails the read with a {@link FrameTooLongException} naming the length and
 *       the limit. The stream is then out of step (the payload is not skipped), so the reader is
 *       done: every later read fails with an {@link IOException} that has the first failure as its
 *       cause. Close the stream. End of stream inside a frame does the same with an {@link
 *       EOFException}.
 *   <li>End of stream between two frames ends the reader: the read returns {@code null}.
 * </ul>
 *
 * <p>Cost: one {@code ByteBuffer} per frame, of exactly its payload's length (position 0, limit the
 * length), owned by the caller. Small frames are read through one reused 8 KiB buffer, several per
 * socket read; the rest of a frame larger than that is read straight into its payload buffer,
 * without a second copy. A frame already buffered spends one unit of the task's cooperative budget
 * ({@link Context#proceedOrYield()}).
 *
 * <p>Not thread-safe: one task reads at a time. Dropping a pending read loses nothing: what was
 * read stays for the next one. The reader never closes the stream.
 */
public final class FrameReader implements Stream<ByteBuffer> {
  /*
   * Implementation notes: between frames `frame` is null and the prefix is awaited in `input`.
   * Once the prefix is read and its length allowed, `frame` is the payload buffer, filled first
   * from `input`, then either through `input` (what is missing fits in it) or by reads straight
   * into `frame` (`readingFrame`). At most one of `input`'s read and `readingFrame` is pending:
   * which one is used depends only on `frame.remaining()`, which no byte changes while a read is
   * pending. `failure` is set once and makes the reader terminal.
   */
  private final FrameFormat format;
  private final TcpStream stream;
  private final ReadBuffer input;
  private final Future<ByteBuffer> nextFrame = new NextFrame();
  private ByteBuffer frame;
  private Future<Integer> readingFrame;
  private IOException failure;
  private boolean ended;

  /**
   * A reader of frames in {@link FrameFormat#DEFAULT}: 4-byte big-endian prefixes, at most 8 MiB.
   *
   * @param stream the stream to read; it stays the caller's to close
   * @throws NullPointerException if {@code stream} is null
   */
  public FrameReader(TcpStream stream) {
    this(stream, FrameFormat.DEFAULT);
  }

  /**
   * A reader of frames in {@code format}.
   *
   * @param stream the stream to read; it stays the caller's to close
   * @param format the prefix width, byte order and length limit
   * @throws NullPointerException if an argument is null
   */
  public FrameReader(TcpStream stream, FrameFormat format) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.format = Objects.requireNonNull(format, "format");
    this.input = new ReadBuffer(stream, ReadBuffer.INITIAL_CAPACITY);
  }

  /**
   * A future of the next frame's payload, or {@code null} once the stream has ended between two
   * frames. It fails with a {@link FrameTooLongException} for a length over the limit, with an
   * {@link EOFException} if the stream ends inside a frame, or as the stream's read fails. The same
   * object is returned by every call; poll it to completion before asking for the next frame.
   *
   * @return the future of the next payload, a new buffer from position 0 to its length
   */
  public Future<ByteBuffer> readFrame() {
    return nextFrame;
  }

  /**
   * The format this reader decodes.
   *
   * @return the format
   */
  public FrameFormat format() {
    return format;
  }

  @Override
  public Poll<ByteBuffer> pollNext(Context cx) throws Exception {
    if (failure != null) {
      throw new IOException("frame reader failed before: " + failure.getMessage(), failure);
    }
    boolean readThisPoll = false;
    while (true) {
      if (frame == null && !startFrame()) {
        if (ended) {
          if (input.available() == 0) {
            return Stream.end();
          }
          throw fail(
              new EOFException(
                  String.format(
                      "stream from %s ended inside the %d-byte length prefix of a frame:"
                          + " %d bytes of it read",
                      input.peer(), format.prefixBytes(), input.available())));
        }
      }
      if (frame != null) {
        int copied = Math.min(frame.remaining(), input.available());
        frame.put(input.array(), input.start(), copied);
        input.consume(copied);
        if (!frame.hasRemaining()) {
          if (!readThisPoll && !cx.proceedOrYield()) {
            return Poll.pending();
          }
          ByteBuffer payload = frame.flip();
          frame = null;
          return Poll.ready(payload);
        }
        if (ended) {
          throw fail(
              new EOFException(
                  String.format(
                      "stream from %s ended inside a frame: %d of its %d bytes read",
                      input.peer(), frame.position(), frame.capacity())));
        }
      }
      Poll<Integer> read = readMore(cx);
      if (!(read instanceof Poll.Ready<Integer>(Integer count))) {
        return Poll.pending();
      }
      readThisPoll = true;
      if (count < 0) {
        ended = true;
      }
    }
  }

  /**
   * Reads the length prefix if it is buffered, checks the length and allocates the payload.
   *
   * @return true if a frame was started
   */
  private boolean startFrame() throws FrameTooLongException {
    if (input.available() < format.prefixBytes()) {
      return false;
    }
    long length = format.readPrefix(input.array(), input.start());
    if (length > format.maxFrameLength()) {
      throw fail(
          new FrameTooLongException(
              String.format(
                  "frame from %s announces %d bytes, over the limit of %d bytes"
                      + " (maxFrameLength)",
                  input.peer(), length, format.maxFrameLength()),
              length,
              format.maxFrameLength()));
    }
    input.consume(format.prefixBytes());
    frame = ByteBuffer.allocate((int) length);
    return true;
  }

  /** Reads into {@code input}, or straight into {@code frame} if what it lacks does not fit. */
  private Poll<Integer> readMore(Context cx) throws Exception {
    if (readingFrame == null
        && (frame == null || frame.remaining() < ReadBuffer.INITIAL_CAPACITY)) {
      return input.fill(cx);
    }
    if (readingFrame == null) {
      readingFrame = stream.read(frame);
    }
    try {
      Poll<Integer> poll = readingFrame.poll(cx);
      if (poll.isReady()) {
        readingFrame = null;
      }
      return poll;
    } catch (Exception failed) {
      readingFrame = null;
      throw failed;
    }
  }

  private <E extends IOException> E fail(E error) {
    failure = error;
    drop();
    return error;
  }

  @Override
  public void drop() {
    input.cancelRead();
    if (readingFrame != null) {
      readingFrame.drop();
      readingFrame = null;
    }
  }

  /** {@link #readFrame()}: polls the reader; dropping it drops the pending read only. */
  private final class NextFrame implements Future<ByteBuffer> {
    @Override
    public Poll<ByteBuffer> poll(Context cx) throws Exception {
      return pollNext(cx);
    }

    @Override
    public void drop() {
      FrameReader.this.drop();
    }
  }
}
