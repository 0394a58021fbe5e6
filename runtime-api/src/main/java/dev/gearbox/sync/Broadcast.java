package dev.gearbox.sync;

import dev.gearbox.future.Future;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every message (Tokio's {@code
 * broadcast}). The channel retains the last {@code capacity} messages; a receiver that falls
 * further behind loses the oldest ones and learns how many through a {@link LaggedException}, then
 * continues from the oldest message still retained. Senders never wait.
 *
 * <pre>{@code
 * Broadcast.Pair<Event> events = Broadcast.channel(64);
 * Broadcast.Receiver<Event> audit = events.sender().subscribe();
 * events.sender().send(event);                     // both receivers will see it
 * Future<Event> next = audit.receive();            // null at the end; LaggedException if behind
 * }</pre>
 *
 * <p>Fairness: a send wakes every waiting receiver, in the order they started waiting; each
 * receiver sees the messages in the order they were sent. Cancellation: a dropped receive future
 * leaves the queue and consumes nothing, so no message is lost to it.
 *
 * <p>Cost: a send or receive takes the channel's lock once and allocates nothing but the receive
 * future; wakes happen after the lock is released. Messages stay referenced until overwritten.
 */
public final class Broadcast {
  private Broadcast() {}

  /**
   * Creates a channel that retains the last {@code capacity} messages.
   *
   * @param capacity how far a receiver may fall behind before it lags, at least 1
   * @param <T> the message type
   * @return the sender and a first receiver
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public static <T> Pair<T> channel(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "broadcast capacity must be at least 1, but was " + capacity);
    }
    BroadcastState<T> state = new BroadcastState<>(capacity);
    return new Pair<>(new Sender<>(state), new Receiver<>(state));
  }

  /**
   * The two ends of a broadcast channel.
   *
   * @param sender the sending end, to share among producers
   * @param receiver the first receiver; make more with {@link Sender#subscribe()}
   * @param <T> the message type
   */
  public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

  /**
   * The sending end. Thread-safe.
   *
   * @param <T> the message type
   */
  public static final class Sender<T> {
    private final BroadcastState<T> state;

    private Sender(BroadcastState<T> state) {
      this.state = state;
    }

    /**
     * Sends {@code message} to every current receiver; never waits. With no receiver the message is
     * dropped.
     *
     * @param message the message
     * @return how many receivers will see it (0: none, the message was dropped)
     * @throws NullPointerException if {@code message} is null
     * @throws ChannelClosedException if the channel was closed
     */
    public int send(T message) {
      Objects.requireNonNull(message, "message");
      return state.send(message);
    }

    /**
     * A new receiver that will see the messages sent from now on.
     *
     * @return the receiver
     */
    public Receiver<T> subscribe() {
      return new Receiver<>(state);
    }

    /**
     * How many receivers are subscribed (not closed); a snapshot.
     *
     * @return the receiver count
     */
    public int receiverCount() {
      return state.receiverCount();
    }

    /**
     * Closes the channel: receivers get what remains, then the end of the stream ({@code null}).
     * Idempotent.
     */
    public void close() {
      state.close();
    }
  }

  /**
   * A receiving end: one task at a time polls it.
   *
   * @param <T> the message type
   */
  public static final class Receiver<T> {
    final BroadcastState<T> state;
    long next;
    boolean closed;

    private Receiver(BroadcastState<T> state) {
      this.state = state;
      this.next = state.subscribe();
    }

    /**
     * A future of the next message: ready with it, or with {@code null} once the channel is closed
     * and this receiver has seen everything. It throws {@link LaggedException} if messages were
     * overwritten before this receiver got them; receive again to continue.
     *
     * @return the future of the next message
     */
    public Future<T> receive() {
      return new BroadcastReceive<>(this);
    }

    /**
     * Takes the next message if there is one, without waiting.
     *
     * @return the message, or null if none is there (see the end with a {@link #receive()})
     * @throws LaggedException if messages were overwritten before this receiver got them
     */
    public T tryReceive() {
      Object message = state.tryReceive(this, null, null);
      return message == BroadcastState.END_OF_STREAM ? null : castMessage(message);
    }

    /** Unsubscribes: senders no longer count this receiver. Idempotent. */
    public void close() {
      state.unsubscribe(this);
    }

    @SuppressWarnings("unchecked")
    static <T> T castMessage(Object message) {
      return (T) message;
    }
  }
}
