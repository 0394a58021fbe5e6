package dev.gearbox.io.codec;

import dev.gearbox.future.Future;
import dev.gearbox.io.TcpStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes length-delimited frames to a {@link TcpStream} in a {@link FrameFormat}: the encoder half
 * of tokio-util's {@code LengthDelimitedCodec}, for what a {@link FrameReader} reads.
 *
 * <p>Cost: the prefix and payload are copied into one buffer the writer reuses (kept up to 64 KiB)
 * and written with one {@link TcpStream#writeAll}, so a frame goes out in one piece.
 *
 * <p>Not thread-safe: one task writes at a time, and one write is in progress at a time (each
 * future encodes when first polled, so {@code writeFrame(a).andThen(writeFrame(b))} is fine;
 * polling two at once fails the second). The writer never closes the stream.
 */
public final class FrameWriter {
  private final FrameFormat format;
  private final EncodedWrite.OutputBuffer output;

  /**
   * A writer of frames in {@link FrameFormat#DEFAULT}: 4-byte big-endian prefixes, at most 8 MiB.
   *
   * @param stream the stream to write; it stays the caller's to close
   * @throws NullPointerException if {@code stream} is null
   */
  public FrameWriter(TcpStream stream) {
    this(stream, FrameFormat.DEFAULT);
  }

  /**
   * A writer of frames in {@code format}.
   *
   * @param stream the stream to write; it stays the caller's to close
   * @param format the prefix width, byte order and length limit
   * @throws NullPointerException if an argument is null
   */
  public FrameWriter(TcpStream stream, FrameFormat format) {
    this.format = Objects.requireNonNull(format, "format");
    this.output =
        new EncodedWrite.OutputBuffer(Objects.requireNonNull(stream, "stream"), "FrameWriter");
  }

  /**
   * A future that writes one frame: the length prefix, then {@code payload}'s bytes from its
   * position to its limit as they are at this call. The payload's position is not changed; its
   * bytes are copied when the future is first polled, so leave them alone until then.
   *
   * @param payload the frame's payload
   * @return a future that completes when the frame is written, and fails as the stream's write
   *     fails, or with an {@link IllegalStateException} if polled while another write of this
   *     writer is in progress
   * @throws NullPointerException if {@code payload} is null
   * @throws IllegalArgumentException if the payload is longer than the format allows (its {@link
   *     FrameFormat#maxFrameLength()}, or what the prefix can hold), naming both
   */
  public Future<Void> writeFrame(ByteBuffer payload) {
    Objects.requireNonNull(payload, "payload");
    int offset = payload.position();
    int length = payload.remaining();
    if (length > format.writableMax()) {
      throw new IllegalArgumentException(
          String.format(
              "a frame of %d bytes is not allowed: at most %d bytes (maxFrameLength %d, a"
                  + " %d-byte length prefix holds %d)",
              length,
              format.writableMax(),
              format.maxFrameLength(),
              format.prefixBytes(),
              format.prefixMax()));
    }
    return new EncodedWrite(output) {
      @Override
      ByteBuffer encode(ByteBuffer out) {
        long needed = (long) format.prefixBytes() + length;
        if (out.capacity() < needed) {
          out = output.grow(out, needed);
        }
        format.putPrefix(out, length);
        out.put(out.position(), payload, offset, length);
        return out.position(out.position() + length);
      }
    };
  }

  /**
   * The format this writer encodes.
   *
   * @return the format
   */
  public FrameFormat format() {
    return format;
  }
}
