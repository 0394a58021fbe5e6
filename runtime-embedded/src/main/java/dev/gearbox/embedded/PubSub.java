package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;

/**
 * A broadcast channel of {@code capacity} messages and up to {@code maxSubscribers} subscribers
 * (Embassy's {@code PubSubChannel}): every subscriber receives every message published after it
 * subscribed. A message stays until every subscriber read it; {@link #pollPublish} waits for room,
 * {@link #publishImmediate} makes room by dropping the oldest message, and a subscriber that had
 * not read it learns how many it missed ({@link PubSub.Subscriber#takeMissed()}, or a {@link
 * Lagged} result of {@link PubSub.Subscriber#next()}). Publishing and receiving allocate nothing.
 * Thread-safe.
 *
 * @param <T> the message type
 */
public final class PubSub<T> {
  /*
   * Implementation notes: messages carry consecutive sequence numbers; the ring holds those from
   * `oldest` (inclusive) to `next` (exclusive), at index seq % capacity. Each subscriber keeps the
   * sequence number it reads next. Before a publish, messages every subscriber has read are dropped
   * (oldest advances to the smallest subscriber position; with no subscribers, to `next`). A
   * subscriber whose position is below `oldest` lagged: it jumps to `oldest` and adds the gap to
   * its missed count. All state is guarded by this object's monitor.
   */
  private final Object[] ring;
  private final PubSub<?>.Subscriber[] subscribers;
  private final WakerSet publishers = new WakerSet(FixedChannel.DEFAULT_MAX_WAITERS);
  private long oldest;
  private long next;

  /**
   * A result of {@link PubSub.Subscriber#next()}: a message, or how many were missed.
   *
   * @param <T> the message type
   */
  public sealed interface WaitResult<T> permits Lagged, Message {}

  /**
   * The subscriber lagged behind: {@code missed} messages were dropped before it read them.
   *
   * @param missed how many
   * @param <T> the message type
   */
  public record Lagged<T>(long missed) implements WaitResult<T> {}

  /**
   * The next message.
   *
   * @param message the message
   * @param <T> the message type
   */
  public record Message<T>(T message) implements WaitResult<T> {}

  /**
   * Creates the channel.
   *
   * @param capacity messages kept, at least 1
   * @param maxSubscribers subscribers open at once, at least 1
   * @throws IllegalArgumentException if either is less than 1
   */
  public PubSub(int capacity, int maxSubscribers) {
    if (capacity < 1 || maxSubscribers < 1) {
      throw new IllegalArgumentException(
          "a PubSub needs a capacity and maxSubscribers of at least 1, got capacity="
              + capacity
              + ", maxSubscribers="
              + maxSubscribers);
    }
    ring = new Object[capacity];
    subscribers = new PubSub<?>.Subscriber[maxSubscribers];
  }

  /**
   * Opens a subscriber that receives the messages published from now on.
   *
   * @return the subscriber
   * @throws IllegalStateException if {@code maxSubscribers} are open
   */
  public synchronized Subscriber subscriber() {
    for (int i = 0; i < subscribers.length; i++) {
      if (subscribers[i] == null) {
        Subscriber subscriber = new Subscriber(i, next);
        subscribers[i] = subscriber;
        return subscriber;
      }
    }
    throw new IllegalStateException(
        "this PubSub has all its "
            + subscribers.length
            + " subscribers open; close one, or create"
            + " it with a larger maxSubscribers");
  }

  /**
   * Publishes {@code message} if there is room (after dropping what every subscriber read).
   *
   * @param message the message, not null
   * @return false if full: some subscriber has not read the oldest message
   */
  public synchronized boolean tryPublish(T message) {
    Objects.requireNonNull(message, "message");
    dropRead();
    if (next - oldest == ring.length) {
      return false;
    }
    append(message);
    return true;
  }

  /**
   * Publishes {@code message}, dropping the oldest message if full: subscribers that had not read
   * it will see they lagged.
   *
   * @param message the message, not null
   */
  public synchronized void publishImmediate(T message) {
    Objects.requireNonNull(message, "message");
    dropRead();
    if (next - oldest == ring.length) {
      ring[index(oldest)] = null;
      oldest++;
    }
    append(message);
  }

  /**
   * Publishes {@code message}, or registers the task to be woken when there may be room.
   *
   * @param cx the polling task's context
   * @param message the message
   * @return true if published
   */
  public synchronized boolean pollPublish(Context cx, T message) {
    if (tryPublish(message)) {
      return true;
    }
    publishers.register(cx.waker());
    return false;
  }

  /**
   * A future that publishes {@code message} once there is room; allocates the future.
   *
   * @param message the message
   * @return the future
   */
  public Future<Void> publish(T message) {
    Objects.requireNonNull(message, "message");
    return cx -> pollPublish(cx, message) ? Poll.ready() : Poll.pending();
  }

  private void append(T message) {
    ring[index(next)] = message;
    next++;
    for (PubSub<?>.Subscriber subscriber : subscribers) {
      if (subscriber != null) {
        subscriber.waiters.wakeAll();
      }
    }
  }

  private void dropRead() {
    long lowest = next;
    for (PubSub<?>.Subscriber subscriber : subscribers) {
      if (subscriber != null && subscriber.position < lowest) {
        lowest = subscriber.position;
      }
    }
    while (oldest < lowest) {
      ring[index(oldest)] = null;
      oldest++;
    }
  }

  private int index(long sequence) {
    return (int) (sequence % ring.length);
  }

  /** One subscriber; close it so publishers stop keeping messages for it. */
  public final class Subscriber implements AutoCloseable {
    private final int slot;
    private final WakerSet waiters = new WakerSet(1);
    private long position;
    private long missed;

    private Subscriber(int slot, long position) {
      this.slot = slot;
      this.position = position;
    }

    /**
     * The next message, if there is one; skips past dropped messages, counting them as missed.
     *
     * @return the message, or null
     */
    @SuppressWarnings("unchecked")
    public T tryNext() {
      synchronized (PubSub.this) {
        if (position < oldest) {
          missed += oldest - position;
          position = oldest;
        }
        if (position == next) {
          return null;
        }
        T message = (T) ring[index(position)];
        position++;
        publishers.wakeAll();
        return message;
      }
    }

    /**
     * The next message, or registers the task to be woken when one is published.
     *
     * @param cx the polling task's context
     * @return the message, or null (the task will be woken)
     */
    public T pollNext(Context cx) {
      synchronized (PubSub.this) {
        T message = tryNext();
        if (message == null) {
          waiters.register(cx.waker());
        }
        return message;
      }
    }

    /**
     * How many messages were dropped before this subscriber read them, since the last call; resets
     * the count.
     *
     * @return the count
     */
    public long takeMissed() {
      synchronized (PubSub.this) {
        long count = missed;
        missed = 0;
        return count;
      }
    }

    /**
     * A future of the next result: {@link Lagged} first if messages were missed, else the next
     * {@link Message}; allocates.
     *
     * @return the future
     */
    public Future<WaitResult<T>> next() {
      return cx -> {
        synchronized (PubSub.this) {
          if (position < oldest) {
            missed += oldest - position;
            position = oldest;
          }
          long lost = takeMissed();
          if (lost > 0) {
            return Poll.ready(new Lagged<>(lost));
          }
          T message = pollNext(cx);
          return message == null ? Poll.pending() : Poll.ready(new Message<>(message));
        }
      };
    }

    /** Closes the subscriber: its unread messages no longer hold publishers back. */
    @Override
    public void close() {
      synchronized (PubSub.this) {
        if (subscribers[slot] == this) {
          subscribers[slot] = null;
          publishers.wakeAll();
        }
      }
    }
  }
}
