package dev.gearbox.io.codec;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpStream;
import java.nio.ByteBuffer;

/**
 * One encoded write of a {@link LineWriter} or {@link FrameWriter}: on its first poll it encodes
 * into the writer's {@link OutputBuffer}, then writes all of it. Encoding on the first poll, not at
 * the call, lets {@code writeLine(a).andThen(writeLine(b))} share the writer's one buffer.
 */
abstract class EncodedWrite implements Future<Void> {
  private final OutputBuffer output;
  private Future<Void> writing;

  EncodedWrite(OutputBuffer output) {
    this.output = output;
  }

  /**
   * Puts the encoded bytes into {@code out}, from its position.
   *
   * @return the buffer holding them: {@code out}, or a larger one from {@link OutputBuffer#grow}
   */
  abstract ByteBuffer encode(ByteBuffer out);

  @Override
  public final Poll<Void> poll(Context cx) throws Exception {
    if (writing == null) {
      ByteBuffer out = output.acquire();
      try {
        out = encode(out);
      } catch (RuntimeException failed) {
        output.release();
        throw failed;
      }
      writing = output.stream().writeAll(out.flip());
    }
    Poll<Void> poll;
    try {
      poll = writing.poll(cx);
    } catch (Exception failed) {
      output.release();
      throw failed;
    }
    if (poll.isReady()) {
      output.release();
    }
    return poll;
  }

  @Override
  public final void drop() {
    if (writing != null) {
      writing.drop();
      output.release();
    }
  }

  /** The buffer a writer encodes into; one write at a time. */
  static final class OutputBuffer {
    /** The largest buffer kept between writes; a larger one, for a long line, is let go. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    private final TcpStream stream;
    private final String owner;
    private ByteBuffer buffer = ByteBuffer.allocate(1024);
    private boolean busy;

    OutputBuffer(TcpStream stream, String owner) {
      this.stream = stream;
      this.owner = owner;
    }

    TcpStream stream() {
      return stream;
    }

    /** The cleared buffer, for the one write in progress. */
    ByteBuffer acquire() {
      if (busy) {
        throw new IllegalStateException(
            "a write of this "
                + owner
                + " is still in progress: complete (or drop) one write before polling the next");
      }
      busy = true;
      return buffer.clear();
    }

    /**
     * A buffer of at least {@code capacity} bytes holding what {@code out} holds so far, for an
     * encoding that does not fit.
     */
    ByteBuffer grow(ByteBuffer out, long capacity) {
      if (capacity > LineReader.MAX_LIMIT) {
        throw new IllegalArgumentException(
            "cannot encode " + capacity + " bytes in one write: at most " + LineReader.MAX_LIMIT);
      }
      int size = (int) Math.max(capacity, Math.min(LineReader.MAX_LIMIT, 2L * out.capacity()));
      ByteBuffer grown = ByteBuffer.allocate(size).put(out.flip());
      buffer = grown;
      return grown;
    }

    void release() {
      busy = false;
      if (buffer.capacity() > RETAINED_CAPACITY) {
        buffer = ByteBuffer.allocate(RETAINED_CAPACITY);
      }
    }
  }
}
