package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * A fixed-capacity multi-producer, multi-consumer channel (Embassy's {@code Channel}): a ring of
 * {@code capacity} messages allocated once. {@link dev.gearbox.sync.Channel} is the API's channel,
 * whose futures allocate; this one is for code that must not. {@link #pollSend} and {@link
 * #pollReceive} allocate nothing; {@link #send} and {@link #receive} wrap them in a new future per
 * call, for code that composes futures. Thread-safe: tasks of several executors, and plain threads
 * (with {@link #trySend}), may share it. Messages are never null.
 *
 * @param <T> the message type
 */
public final class FixedChannel<T> {
  /** Waiters parked per side before they are all woken to re-register; see {@link WakerSet}. */
  public static final int DEFAULT_MAX_WAITERS = 8;

  private final Object[] ring;
  private final WakerSet senders;
  private final WakerSet receivers;
  private int head;
  private int count;

  /**
   * Creates a channel of {@code capacity} messages.
   *
   * @param capacity at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public FixedChannel(int capacity) {
    this(capacity, DEFAULT_MAX_WAITERS);
  }

  /**
   * Creates a channel of {@code capacity} messages with room for {@code maxWaiters} waiting tasks
   * per side.
   *
   * @param capacity at least 1
   * @param maxWaiters at least 1
   * @throws IllegalArgumentException if either is less than 1
   */
  public FixedChannel(int capacity, int maxWaiters) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "a FixedChannel needs a capacity of at least 1, got " + capacity);
    }
    ring = new Object[capacity];
    senders = new WakerSet(maxWaiters);
    receivers = new WakerSet(maxWaiters);
  }

  /**
   * Sends {@code message} if there is room.
   *
   * @param message the message
   * @return false if the channel is full
   */
  public synchronized boolean trySend(T message) {
    Objects.requireNonNull(message, "message");
    if (count == ring.length) {
      return false;
    }
    int tail = head + count;
    ring[tail >= ring.length ? tail - ring.length : tail] = message;
    count++;
    receivers.wakeAll();
    return true;
  }

  /**
   * Takes the oldest message, if any.
   *
   * @return the message, or null if the channel is empty
   */
  @SuppressWarnings("unchecked")
  public synchronized T tryReceive() {
    if (count == 0) {
      return null;
    }
    T message = (T) ring[head];
    ring[head] = null;
    head = head + 1 == ring.length ? 0 : head + 1;
    count--;
    senders.wakeAll();
    return message;
  }

  /**
   * Sends {@code message}, or registers the task to be woken when there is room.
   *
   * @param cx the polling task's context
   * @param message the message
   * @return true if sent; false if full (the task will be woken)
   */
  public synchronized boolean pollSend(Context cx, T message) {
    if (trySend(message)) {
      return true;
    }
    senders.register(cx.waker());
    return false;
  }

  /**
   * Takes the oldest message, or registers the task to be woken when one arrives.
   *
   * @param cx the polling task's context
   * @return the message, or null if empty (the task will be woken)
   */
  public synchronized T pollReceive(Context cx) {
    T message = tryReceive();
    if (message == null) {
      receivers.register(cx.waker());
    }
    return message;
  }

  /**
   * A future that sends {@code message} once there is room; allocates the future.
   *
   * @param message the message
   * @return the future
   */
  public Future<Void> send(T message) {
    Objects.requireNonNull(message, "message");
    return cx -> pollSend(cx, message) ? Poll.ready() : Poll.pending();
  }

  /**
   * A future of the next message; allocates the future.
   *
   * @return the future
   */
  public Future<T> receive() {
    return cx -> {
      T message = pollReceive(cx);
      return message == null ? Poll.pending() : Poll.ready(message);
    };
  }

  /**
   * Messages queued now.
   *
   * @return the count
   */
  public synchronized int size() {
    return count;
  }

  /**
   * The most messages the channel holds.
   *
   * @return the capacity
   */
  public int capacity() {
    return ring.length;
  }
}
