package dev.gearbox.sync;

import dev.gearbox.future.Future;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Multi-producer, single-consumer channels (Tokio's {@code mpsc}): many tasks or threads send
 * through one shared {@link Sender}, one task receives from the {@link Receiver}. {@link
 * #bounded(int)} makes senders wait for room; {@link #unbounded()} never makes them wait.
 *
 * <pre>{@code
 * Channel.Pair<String> pair = Channel.bounded(16);
 * Future<Void> sent = pair.sender().send("hello"); // waits while 16 messages are buffered
 * Future<String> next = pair.receiver().receive(); // null at the end of the stream
 * }</pre>
 *
 * <p>Fairness: senders that wait for room get it in the order they started waiting, and {@link
 * Sender#trySend} never takes a slot a waiting sender is owed. The receiver sees messages in the
 * order they entered the buffer, so the messages of one sender that awaits each send stay in order.
 *
 * <p>Cost: every operation takes the channel's lock once (a receive that finds nothing takes it
 * twice, around registering its waker), and wakes happen after the lock is released. {@code
 * trySend} and {@code receive} allocate nothing; {@code send} allocates its future, which is also
 * its node in the queue of waiting senders. The buffer grows by doubling up to the capacity.
 */
public final class Channel {
  private Channel() {}

  /**
   * Creates a channel without a bound: sends complete at once and the buffer grows as needed (in
   * chunks of 128 slots), so a receiver that falls behind lets memory grow. Lock-free: a send is a
   * CAS, a queue offer and a wake; a receive is a queue poll and an atomic decrement, without
   * allocating. Fairness: messages keep the order in which their sends entered the queue.
   *
   * @param <T> the message type
   * @return the shared sender and the receiver
   */
  public static <T> Pair<T> unbounded() {
    UnboundedChannel<T> channel = new UnboundedChannel<>();
    return new Pair<>(new Sender<>(channel), new Receiver<>(channel));
  }

  /**
   * Creates a channel that buffers at most {@code capacity} messages.
   *
   * @param capacity how many sent messages may wait for the receiver; at least 1
   * @param <T> the message type
   * @return the shared sender and the receiver
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public static <T> Pair<T> bounded(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "channel capacity must be at least 1, but was " + capacity);
    }
    BoundedChannel<T> channel = new BoundedChannel<>(capacity);
    return new Pair<>(new Sender<>(channel), new Receiver<>(channel));
  }

  /**
   * The two ends of a channel.
   *
   * @param sender the sending end, to share among producers
   * @param receiver the receiving end, for one consumer
   * @param <T> the message type
   */
  public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

  /**
   * The sending end. Thread-safe: share one sender among all producers.
   *
   * @param <T> the message type
   */
  public static final class Sender<T> {
    private final MpscCore<T> channel;

    private Sender(MpscCore<T> channel) {
      this.channel = channel;
    }

    /**
     * A future that sends {@code message} once there is room, waiting in FIFO order behind senders
     * that wait already (at once, for an unbounded channel). Nothing happens until it is polled. If
     * it is dropped before it completed, the message is not delivered and its place in the queue is
     * freed.
     *
     * @param message the message
     * @return a future that completes when the message is in the channel, or throws {@link
     *     ChannelClosedException} if the channel was closed before that
     * @throws NullPointerException if {@code message} is null
     */
    public Future<Void> send(T message) {
      Objects.requireNonNull(message, "message");
      return channel.send(message);
    }

    /**
     * A future that sends {@code message} as {@link #send} does, unless {@code timeout} passes
     * first (counted from its first poll, on the runtime's clock): then the send is dropped, the
     * message is not delivered, and the future completes with false. A send that can complete wins
     * even at a zero timeout. Waiting needs a runtime timer ({@code Timer.of(cx)}); a zero or
     * negative timeout needs none.
     *
     * @param message the message
     * @param timeout how long to wait for room
     * @return a future of true if sent, false if the time ran out; it throws {@link
     *     ChannelClosedException} if the channel was closed first
     * @throws NullPointerException if {@code message} or {@code timeout} is null
     */
    public Future<Boolean> sendTimeout(T message, Duration timeout) {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(timeout, "timeout");
      return new SendTimeoutFuture(channel.send(message), Time.sleep(timeout));
    }

    /**
     * Sends {@code message} if there is room now (and no sender waits for room). Allocates nothing.
     *
     * @param message the message
     * @return true if sent, false if the channel is full
     * @throws NullPointerException if {@code message} is null
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean trySend(T message) {
      Objects.requireNonNull(message, "message");
      return channel.trySend(message);
    }

    /**
     * Closes the channel for sending, for every producer: waiting and later sends fail with {@link
     * ChannelClosedException}; the receiver still gets what was sent, then the end of the stream.
     * Idempotent.
     */
    public void close() {
      channel.close(false);
    }

    /**
     * Whether the channel is closed, by either end.
     *
     * @return true once closed
     */
    public boolean isClosed() {
      return channel.isClosed();
    }

    /**
     * The most messages the channel buffers.
     *
     * @return the capacity given at creation, or {@link Integer#MAX_VALUE} if unbounded
     */
    public int capacity() {
      return channel.capacity();
    }
  }

  /**
   * The receiving end, for one consumer: poll its futures from one task at a time.
   *
   * @param <T> the message type
   */
  public static final class Receiver<T> {
    private final MpscCore<T> channel;
    private final ReceiveFuture<T> next;

    private Receiver(MpscCore<T> channel) {
      this.channel = channel;
      this.next = new ReceiveFuture<>(channel);
    }

    /**
     * A future of the next message: ready with it, or with {@code null} once the channel is closed
     * and every sent message was received (the end of the stream, as {@code Queue.poll}). Dropping
     * it loses no message. The future holds no state, so the receiver returns the same one on every
     * call and receiving allocates nothing.
     *
     * @return the future of the next message
     */
    public Future<T> receive() {
      return next;
    }

    /**
     * A future that waits for at least one message, then moves up to {@code limit} buffered
     * messages into {@code buffer}, in order (Tokio's {@code recv_many}); it completes with how
     * many it moved, 0 only once the channel is closed and drained. Dropping it loses no message.
     * Costs one channel operation per message; allocates the future.
     *
     * @param buffer where to add the messages; the future adds to it while polled
     * @param limit the most messages to move, at least 1
     * @return a future of the number of messages moved
     * @throws NullPointerException if {@code buffer} is null
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public Future<Integer> receiveMany(List<? super T> buffer, int limit) {
      Objects.requireNonNull(buffer, "buffer");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
      }
      return new ReceiveManyFuture<>(channel, buffer, limit);
    }

    /**
     * Takes the next message if there is one, without waiting.
     *
     * @return the message, or null if none is buffered (see {@link #isClosed()} for the end)
     */
    public T tryReceive() {
      Object message = channel.pollReceive();
      if (message == MpscCore.END_OF_STREAM) {
        return null;
      }
      @SuppressWarnings("unchecked")
      T typed = (T) message;
      return typed;
    }

    /**
     * Closes the channel from the receiving end: waiting and later sends fail with {@link
     * ChannelClosedException}, and waiting senders are woken. Messages already buffered can still
     * be received. Idempotent.
     */
    public void close() {
      channel.close(true);
    }

    /**
     * Whether the channel is closed, by either end; buffered messages may remain.
     *
     * @return true once closed
     */
    public boolean isClosed() {
      return channel.isClosed();
    }
  }
}
