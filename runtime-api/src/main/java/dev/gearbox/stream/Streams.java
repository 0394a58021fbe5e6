package dev.gearbox.stream;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.Channel;
import dev.gearbox.time.Interval;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Sources of {@link Stream}s, adapters from the channels and the time package, and the bridges to
 * and from {@link java.util.concurrent.Flow} (Reactive Streams) with back-pressure both ways.
 */
public final class Streams {
  private Streams() {}

  /**
   * A stream of the given items, in order.
   *
   * @param items the items, none null
   * @param <T> the item type
   * @return the stream
   * @throws NullPointerException if {@code items} or one of them is null
   */
  @SafeVarargs
  public static <T> Stream<T> of(T... items) {
    Objects.requireNonNull(items, "items");
    List<T> copy = new ArrayList<>(items.length);
    for (int index = 0; index < items.length; index++) {
      copy.add(Objects.requireNonNull(items[index], "items[" + index + "]"));
    }
    return fromIterable(copy);
  }

  /**
   * A stream that ends at once.
   *
   * @param <T> the item type
   * @return the empty stream
   */
  public static <T> Stream<T> empty() {
    return fromIterable(Collections.emptyList());
  }

  /**
   * A stream of the items of {@code iterable}, from one iterator made now. Each item spends one
   * unit of the cooperative budget. A null item fails the stream.
   *
   * @param iterable the items
   * @param <T> the item type
   * @return the stream
   * @throws NullPointerException if {@code iterable} is null
   */
  public static <T> Stream<T> fromIterable(Iterable<? extends T> iterable) {
    Objects.requireNonNull(iterable, "iterable");
    return new Sources.IteratorStream<>(iterable.iterator());
  }

  /**
   * The messages of an mpsc channel's receiver, ending when the channel is closed and drained.
   * Allocates nothing per message; dropping the stream releases the receiver's waker and loses no
   * message.
   *
   * @param receiver the receiving end; the stream becomes its consumer
   * @param <T> the message type
   * @return the stream
   * @throws NullPointerException if {@code receiver} is null
   */
  public static <T> Stream<T> from(Channel.Receiver<T> receiver) {
    return new Sources.ReceiverStream<>(Objects.requireNonNull(receiver, "receiver"));
  }

  /**
   * The messages of a broadcast receiver, ending when the channel is closed and drained. A lag
   * fails the stream with {@link dev.gearbox.sync.LaggedException}; to skip over lags, receive from
   * the receiver directly.
   *
   * @param receiver the receiving end; the stream becomes its consumer
   * @param <T> the message type
   * @return the stream
   * @throws NullPointerException if {@code receiver} is null
   */
  public static <T> Stream<T> from(Broadcast.Receiver<T> receiver) {
    return new Sources.BroadcastStream<>(Objects.requireNonNull(receiver, "receiver"));
  }

  /**
   * The ticks of {@code interval} (each tick's deadline on the runtime's clock); never ends.
   *
   * @param interval the interval; the stream becomes its owner
   * @return the stream of ticks
   * @throws NullPointerException if {@code interval} is null
   */
  public static Stream<Long> from(Interval interval) {
    return new Sources.IntervalStream(Objects.requireNonNull(interval, "interval"));
  }

  /**
   * The ticks of a new {@link Time#interval(Duration)}: the first at once, then every {@code
   * period}. Needs a runtime timer.
   *
   * @param period the time between ticks, positive
   * @return the stream of ticks
   * @throws NullPointerException if {@code period} is null
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public static Stream<Long> interval(Duration period) {
    return from(Time.interval(period));
  }

  /**
   * A publisher of {@code stream}'s items for one subscriber, driven by a task spawned on {@code
   * runtime} at subscription, which polls the stream only while the subscriber has requested more
   * than it received. Passes the Reactive Streams TCK. A second subscriber is refused with onError,
   * since a stream has one consumer. Cancelling the subscription drops the stream.
   *
   * @param stream the items; the publisher owns it
   * @param runtime where to run the task that polls it
   * @param <T> the item type
   * @return the publisher
   * @throws NullPointerException if an argument is null
   */
  public static <T> Flow.Publisher<T> toPublisher(Stream<T> stream, Runtime runtime) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(runtime, "runtime");
    return new StreamPublisher<>(stream, runtime);
  }

  /**
   * A stream of what {@code publisher} emits, subscribing at the first poll and requesting at most
   * {@code bufferSize} items ahead of the consumer; see {@link SubscriberStream}.
   *
   * @param publisher the publisher
   * @param bufferSize the most items requested and not yet consumed, at least 1
   * @param <T> the item type
   * @return the stream
   * @throws NullPointerException if {@code publisher} is null
   * @throws IllegalArgumentException if {@code bufferSize} is less than 1
   */
  public static <T> SubscriberStream<T> fromPublisher(
      Flow.Publisher<? extends T> publisher, int bufferSize) {
    Objects.requireNonNull(publisher, "publisher");
    return new SubscriberStream<>(checkBufferSize(bufferSize), publisher);
  }

  /**
   * A subscriber to hand to a publisher yourself, which is also the stream of what it receives; see
   * {@link SubscriberStream}.
   *
   * @param bufferSize the most items requested and not yet consumed, at least 1
   * @param <T> the item type
   * @return the subscriber stream
   * @throws IllegalArgumentException if {@code bufferSize} is less than 1
   */
  public static <T> SubscriberStream<T> subscriber(int bufferSize) {
    return new SubscriberStream<>(checkBufferSize(bufferSize), null);
  }

  private static int checkBufferSize(int bufferSize) {
    if (bufferSize < 1 || bufferSize > 1 << 30) {
      throw new IllegalArgumentException(
          "bufferSize must be from 1 to " + (1 << 30) + ", but was " + bufferSize);
    }
    return bufferSize;
  }
}
