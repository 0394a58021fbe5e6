package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * A byte pipe of fixed capacity (Embassy's {@code Pipe}; named as the other fixed-capacity
 * primitives, so that it does not shadow {@code java.nio.channels.Pipe}): writers copy bytes in,
 * readers copy them out, in order. {@link #pollWrite} and {@link #pollRead} allocate nothing.
 * Thread-safe.
 */
public final class FixedPipe {
  private final byte[] ring;
  private final WakerSet readers = new WakerSet(FixedChannel.DEFAULT_MAX_WAITERS);
  private final WakerSet writers = new WakerSet(FixedChannel.DEFAULT_MAX_WAITERS);
  private int head;
  private int count;

  /**
   * Creates a pipe of {@code capacity} bytes.
   *
   * @param capacity at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public FixedPipe(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "a FixedPipe needs a capacity of at least 1, got " + capacity);
    }
    ring = new byte[capacity];
  }

  /**
   * Copies as many of {@code source[offset, offset+length)} as fit.
   *
   * @param source the bytes
   * @param offset where they start
   * @param length how many
   * @return how many were written; 0 if the pipe is full
   * @throws IndexOutOfBoundsException if the range is outside {@code source}
   */
  public synchronized int tryWrite(byte[] source, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, source.length);
    int written = Math.min(length, ring.length - count);
    for (int i = 0; i < written; i++) {
      int tail = head + count + i;
      ring[tail >= ring.length ? tail - ring.length : tail] = source[offset + i];
    }
    count += written;
    if (written > 0) {
      readers.wakeAll();
    }
    return written;
  }

  /**
   * Copies up to {@code length} bytes out, into {@code target[offset...]}.
   *
   * @param target where to copy
   * @param offset where to start
   * @param length most bytes to copy
   * @return how many were read; 0 if the pipe is empty
   * @throws IndexOutOfBoundsException if the range is outside {@code target}
   */
  public synchronized int tryRead(byte[] target, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, target.length);
    int read = Math.min(length, count);
    for (int i = 0; i < read; i++) {
      target[offset + i] = ring[head];
      head = head + 1 == ring.length ? 0 : head + 1;
    }
    count -= read;
    if (read > 0) {
      writers.wakeAll();
    }
    return read;
  }

  /**
   * Writes what fits, or registers the task to be woken when there is room.
   *
   * @param cx the polling task's context
   * @param source the bytes
   * @param offset where they start
   * @param length how many, at least 1
   * @return how many were written; 0 means full (the task will be woken)
   */
  public synchronized int pollWrite(Context cx, byte[] source, int offset, int length) {
    int written = tryWrite(source, offset, length);
    if (written == 0 && length > 0) {
      writers.register(cx.waker());
    }
    return written;
  }

  /**
   * Reads what is there, or registers the task to be woken when bytes arrive.
   *
   * @param cx the polling task's context
   * @param target where to copy
   * @param offset where to start
   * @param length most bytes, at least 1
   * @return how many were read; 0 means empty (the task will be woken)
   */
  public synchronized int pollRead(Context cx, byte[] target, int offset, int length) {
    int read = tryRead(target, offset, length);
    if (read == 0 && length > 0) {
      readers.register(cx.waker());
    }
    return read;
  }

  /**
   * A future that writes all of {@code source}, in as many steps as room allows; allocates.
   *
   * @param source the bytes
   * @return the future
   */
  public Future<Void> writeAll(byte[] source) {
    Objects.requireNonNull(source, "source");
    int[] done = {0};
    return cx -> {
      while (done[0] < source.length) {
        int written = pollWrite(cx, source, done[0], source.length - done[0]);
        if (written == 0) {
          return Poll.pending();
        }
        done[0] += written;
      }
      return Poll.ready();
    };
  }

  /**
   * A future that reads at least one byte into {@code target}; allocates.
   *
   * @param target where to copy
   * @return the future of the count read
   */
  public Future<Integer> read(byte[] target) {
    Objects.requireNonNull(target, "target");
    return cx -> {
      int read = pollRead(cx, target, 0, target.length);
      return read == 0 && target.length > 0 ? Poll.pending() : Poll.ready(read);
    };
  }

  /**
   * Bytes in the pipe now.
   *
   * @return the count
   */
  public synchronized int size() {
    return count;
  }

  /**
   * The most bytes the pipe holds.
   *
   * @return the capacity
   */
  public int capacity() {
    return ring.length;
  }
}
