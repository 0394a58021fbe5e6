package dev.gearbox.io.codec;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The layout of length-delimited frames (tokio-util's {@code LengthDelimitedCodec}, Netty's {@code
 * LengthFieldBasedFrameDecoder} with the length field first): each frame is a length prefix of
 * {@code prefixBytes} bytes, an unsigned integer in {@code byteOrder}, followed by that many bytes
 * of payload. The prefix counts the payload only. Immutable; {@link #DEFAULT} is a 4-byte
 * big-endian prefix and frames of at most 8 MiB, as tokio-util's default.
 *
 * <pre>{@code
 * FrameFormat format = FrameFormat.DEFAULT.withPrefixBytes(2).withMaxFrameLength(16_384);
 * }</pre>
 *
 * @param prefixBytes the width of the length prefix: 1, 2 or 4 bytes
 * @param byteOrder the byte order of the length prefix
 * @param maxFrameLength the longest payload allowed, in bytes, 0 to {@link LineReader#MAX_LIMIT}; a
 *     reader refuses a longer frame before allocating it, a writer refuses to write one
 */
public record FrameFormat(int prefixBytes, ByteOrder byteOrder, int maxFrameLength) {

  /** A 4-byte big-endian length prefix, and payloads of at most 8 MiB. */
  public static final FrameFormat DEFAULT = new FrameFormat(4, ByteOrder.BIG_ENDIAN, 8 << 20);

  /**
   * Checks the arguments.
   *
   * @throws NullPointerException if {@code byteOrder} is null
   * @throws IllegalArgumentException if {@code prefixBytes} is not 1, 2 or 4, or {@code
   *     maxFrameLength} is out of range, naming the value
   */
  public FrameFormat {
    Objects.requireNonNull(byteOrder, "byteOrder");
    if (prefixBytes != 1 && prefixBytes != 2 && prefixBytes != 4) {
      throw new IllegalArgumentException(
          "prefixBytes " + prefixBytes + " is not allowed: the length prefix is 1, 2 or 4 bytes");
    }
    if (maxFrameLength < 0 || maxFrameLength > LineReader.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "maxFrameLength "
              + maxFrameLength
              + " is not allowed: it must be between 0 and "
              + LineReader.MAX_LIMIT);
    }
  }

  /**
   * This format with a length prefix of {@code prefixBytes} bytes.
   *
   * @param prefixBytes 1, 2 or 4
   * @return the new format
   * @throws IllegalArgumentException if {@code prefixBytes} is not 1, 2 or 4
   */
  public FrameFormat withPrefixBytes(int prefixBytes) {
    return new FrameFormat(prefixBytes, byteOrder, maxFrameLength);
  }

  /**
   * This format with the length prefix in {@code byteOrder}.
   *
   * @param byteOrder big- or little-endian
   * @return the new format
   * @throws NullPointerException if {@code byteOrder} is null
   */
  public FrameFormat withByteOrder(ByteOrder byteOrder) {
    return new FrameFormat(prefixBytes, byteOrder, maxFrameLength);
  }

  /**
   * This format with payloads of at most {@code maxFrameLength} bytes.
   *
   * @param maxFrameLength 0 to {@link LineReader#MAX_LIMIT}
   * @return the new format
   * @throws IllegalArgumentException if {@code maxFrameLength} is out of range
   */
  public FrameFormat withMaxFrameLength(int maxFrameLength) {
    return new FrameFormat(prefixBytes, byteOrder, maxFrameLength);
  }

  /** The largest length the prefix can hold: 255, 65,535 or 4,294,967,295. */
  long prefixMax() {
    return (1L << (8 * prefixBytes)) - 1;
  }

  /** The largest payload a writer accepts: the smaller of the limit and what the prefix holds. */
  long writableMax() {
    return Math.min(maxFrameLength, prefixMax());
  }

  /** The length prefix at {@code offset} of {@code bytes}, unsigned. */
  long readPrefix(byte[] bytes, int offset) {
    long length = 0;
    for (int i = 0; i < prefixBytes; i++) {
      int index = byteOrder == ByteOrder.BIG_ENDIAN ? offset + i : offset + prefixBytes - 1 - i;
      length = (length << 8) | (bytes[index] & 0xFF);
    }
    return length;
  }

  /** Puts {@code length} as a length prefix into {@code out}. */
  void putPrefix(java.nio.ByteBuffer out, int length) {
    for (int i = 0; i < prefixBytes; i++) {
      int shift = byteOrder == ByteOrder.BIG_ENDIAN ? 8 * (prefixBytes - 1 - i) : 8 * i;
      out.put((byte) (length >>> shift));
    }
  }
}
