package dev.gearbox.io.codec;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The bytes a decoder has read from a {@link TcpStream} and not yet consumed, in one array that
 * grows on demand up to a fixed capacity limit and is compacted rather than grown when its front is
 * free.
 */
final class ReadBuffer {
  /*
   * Implementation notes.
   *
   * Invariants: 0 <= start <= end <= bytes.length <= capacityLimit; the unread bytes are
   * bytes[start, end). `view` wraps `bytes` and is reused for every read, so a read costs the
   * stream's read future and nothing else.
   *
   * Ownership: the task polling the decoder, one at a time; nothing here is thread-safe.
   *
   * A pending read holds `view` with its position at `end`: while `reading` is set, the array is
   * neither compacted, grown nor rewound, and the read's bytes land at `end` when it completes.
   * Dropping the read loses nothing: a socket read that has not completed has consumed no bytes.
   */
  static final int INITIAL_CAPACITY = 8192;

  private final TcpStream stream;
  private final int capacityLimit;
  private byte[] bytes;
  private ByteBuffer view;
  private int start;
  private int end;
  private Future<Integer> reading;

  ReadBuffer(TcpStream stream, int capacityLimit) {
    this.stream = stream;
    this.capacityLimit = capacityLimit;
    this.bytes = new byte[Math.min(INITIAL_CAPACITY, capacityLimit)];
    this.view = ByteBuffer.wrap(bytes);
  }

  /** The array holding the unread bytes, from {@link #start()} to {@link #end()}. */
  byte[] array() {
    return bytes;
  }

  /** The index of the first unread byte. */
  int start() {
    return start;
  }

  /** One past the index of the last unread byte. */
  int end() {
    return end;
  }

  /** The number of unread bytes. */
  int available() {
    return end - start;
  }

  /** Marks the first {@code count} unread bytes consumed. */
  void consume(int count) {
    start += count;
    if (start == end && reading == null) {
      start = 0;
      end = 0;
    }
  }

  /** Consumes every unread byte. */
  void consumeAll() {
    consume(end - start);
  }

  /**
   * Reads more bytes from the stream after the unread ones, making room first by compacting or
   * growing the array. The caller asks only while fewer than {@code capacityLimit} bytes are
   * unread.
   *
   * @return Ready with the number of bytes read (-1 at end of stream), or Pending
   * @throws IllegalStateException if the buffer is full at its limit (a decoder's bug)
   * @throws Exception as the stream's read fails
   */
  Poll<Integer> fill(Context cx) throws Exception {
    if (reading == null) {
      makeRoom();
      view.limit(bytes.length).position(end);
      reading = stream.read(view);
    }
    Poll<Integer> poll;
    try {
      poll = reading.poll(cx);
    } catch (Exception failed) {
      reading = null;
      throw failed;
    }
    if (poll.isReady()) {
      reading = null;
      end = view.position();
    }
    return poll;
  }

  private void makeRoom() {
    if (end < bytes.length) {
      return;
    }
    int unread = end - start;
    if (start > 0) {
      System.arraycopy(bytes, start, bytes, 0, unread);
    } else if (bytes.length < capacityLimit) {
      byte[] grown = new byte[(int) Math.min(capacityLimit, 2L * bytes.length)];
      System.arraycopy(bytes, 0, grown, 0, unread);
      bytes = grown;
      view = ByteBuffer.wrap(grown);
    } else {
      throw new IllegalStateException("read buffer full at its limit of " + capacityLimit);
    }
    start = 0;
    end = unread;
  }

  /** Drops the pending read, if any; no byte is lost. */
  void cancelRead() {
    if (reading != null) {
      reading.drop();
      reading = null;
      if (start == end) {
        start = 0;
        end = 0;
      }
    }
  }

  /** Removes the unread bytes and returns them in a new buffer, ready to be read. */
  ByteBuffer take() {
    cancelRead();
    ByteBuffer taken = ByteBuffer.allocate(end - start);
    taken.put(bytes, start, end - start).flip();
    start = 0;
    end = 0;
    return taken;
  }

  /** The peer's address as {@code 127.0.0.1:5000}, for error messages. */
  String peer() {
    InetSocketAddress peer = stream.peerAddress();
    String host =
        peer.getAddress() != null ? peer.getAddress().getHostAddress() : peer.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + peer.getPort();
  }
}
