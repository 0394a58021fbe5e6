package dev.gearbox.sync;

/**
 * A FIFO ring buffer of messages that grows by doubling up to a fixed limit, so a channel with a
 * large capacity does not allocate it all up front. Not thread-safe: guarded by its channel's lock.
 */
final class MessageRing {
  /** The first array length of a ring whose limit is larger. */
  static final int INITIAL_LENGTH = 16;

  private final int limit;
  private Object[] slots;
  private int head;
  private int size;

  MessageRing(int limit) {
    this.limit = limit;
    this.slots = new Object[Math.min(limit, INITIAL_LENGTH)];
  }

  int size() {
    return size;
  }

  /** Appends {@code message}; the caller makes sure that {@code size() < limit}. */
  void add(Object message) {
    if (size == slots.length) {
      grow();
    }
    int tail = head + size - slots.length;
    if (tail < 0) {
      tail += slots.length;
    }
    slots[tail] = message;
    size++;
  }

  /** Removes and returns the oldest message, or null if empty. */
  Object poll() {
    if (size == 0) {
      return null;
    }
    Object message = slots[head];
    slots[head] = null;
    head = head + 1 == slots.length ? 0 : head + 1;
    size--;
    return message;
  }

  private void grow() {
    int length = slots.length;
    if (length >= limit) {
      throw new IllegalStateException("ring full: " + size + " of " + limit);
    }
    int grown = length > limit / 2 ? limit : length * 2;
    Object[] larger = new Object[grown];
    int firstPart = Math.min(size, length - head);
    System.arraycopy(slots, head, larger, 0, firstPart);
    System.arraycopy(slots, 0, larger, firstPart, size - firstPart);
    slots = larger;
    head = 0;
  }
}
