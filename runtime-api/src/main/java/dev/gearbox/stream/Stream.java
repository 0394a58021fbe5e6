package dev.gearbox.stream;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Join2;
import dev.gearbox.future.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An asynchronous sequence of items, driven by polling (futures-rs' {@code Stream}): {@link
 * #pollNext(Context)} returns Ready with the next item, Pending after arranging a wake as a future
 * does, or Ready with {@code null} at the end of the stream. Items are never null, so {@code null}
 * is the end signal and costs no allocation ({@link #end()}, {@link #isEnd(Poll)}).
 *
 * <p>Contract: after the end, a stream is not polled again. {@link #drop()} releases what a stream
 * holds when its owner gives up on it before the end. A stream is polled by one task at a time.
 * Combinators own the streams they wrap: they poll them with the caller's context and forward
 * {@code drop()}.
 *
 * <pre>{@code
 * Future<List<String>> firstTen = Streams.from(channel.receiver())
 *     .filter(line -> !line.isBlank())
 *     .map(String::trim)
 *     .take(10)
 *     .collect();
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface Stream<T> {

  /**
   * Attempts to produce the next item.
   *
   * @param cx the polling context
   * @return Ready with the next item, Ready with {@code null} at the end, or Pending after
   *     registering {@code cx.waker()}
   * @throws Exception if the stream failed; it is then finished
   */
  Poll<T> pollNext(Context cx) throws Exception;

  /** Releases what this stream holds, because it will not be polled again. The default: nothing. */
  default void drop() {}

  /**
   * The end-of-stream poll: Ready with {@code null}; a shared constant.
   *
   * @param <T> the item type
   * @return the end signal
   */
  static <T> Poll<T> end() {
    return Poll.ready();
  }

  /**
   * Whether {@code poll} is the end of a stream (Ready with {@code null}).
   *
   * @param poll a result of {@link #pollNext}
   * @return true at the end
   */
  static boolean isEnd(Poll<?> poll) {
    return poll instanceof Poll.Ready<?> ready && ready.value() == null;
  }

  /**
   * The items mapped by {@code fn}, which must not return null.
   *
   * @param fn the mapping, called on the polling thread
   * @param <R> the new item type
   * @return the mapped stream
   */
  default <R> Stream<R> map(Function<? super T, ? extends R> fn) {
    return new StreamOps.MapStream<>(this, Objects.requireNonNull(fn, "fn"));
  }

  /**
   * The items that match {@code predicate}. Yields once the task's cooperative budget is spent
   * (each rejected item after the first of a poll spends a unit).
   *
   * @param predicate which items to keep
   * @return the filtered stream
   */
  default Stream<T> filter(Predicate<? super T> predicate) {
    return new StreamOps.FilterStream<>(this, Objects.requireNonNull(predicate, "predicate"));
  }

  /**
   * The items of the stream {@code fn} makes for each item, one inner stream after the other.
   *
   * @param fn gives the inner stream of an item; must not return null
   * @param <R> the item type of the inner streams
   * @return the flattened stream
   */
  default <R> Stream<R> flatMap(Function<? super T, ? extends Stream<R>> fn) {
    return new StreamOps.FlatMapStream<>(this, Objects.requireNonNull(fn, "fn"));
  }

  /**
   * The first {@code count} items; then the end, without polling this stream again.
   *
   * @param count how many items, at least 0
   * @return the shortened stream
   * @throws IllegalArgumentException if {@code count} is negative
   */
  default Stream<T> take(long count) {
    return new StreamOps.TakeStream<>(this, StreamOps.checkCount("take", count));
  }

  /**
   * The items after the first {@code count}.
   *
   * @param count how many items to skip, at least 0
   * @return the stream without its first items
   * @throws IllegalArgumentException if {@code count} is negative
   */
  default Stream<T> skip(long count) {
    return new StreamOps.SkipStream<>(this, StreamOps.checkCount("skip", count));
  }

  /**
   * The items gathered into lists of {@code size} (futures-rs' {@code chunks}); the last list may
   * be shorter. Each list is new and belongs to the receiver.
   *
   * @param size the items per list, at least 1
   * @return the stream of lists
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  default Stream<List<T>> buffer(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("buffer size must be at least 1, but was " + size);
    }
    return new Gathering.BufferStream<>(this, size);
  }

  /**
   * The items of this stream and {@code other} as they come, ending when both end. Fair: the stream
   * polled first alternates, so a busy stream does not starve the other.
   *
   * @param other the stream to merge with; the merge owns it
   * @return the merged stream
   */
  default Stream<T> merge(Stream<? extends T> other) {
    return new Gathering.MergeStream<>(this, Objects.requireNonNull(other, "other"));
  }

  /**
   * Pairs of one item of this stream and one of {@code other}, ending when either ends.
   *
   * @param other the second stream; the zip owns it
   * @param <U> its item type
   * @return the stream of pairs
   */
  default <U> Stream<Join2<T, U>> zip(Stream<U> other) {
    return new Gathering.ZipStream<>(this, Objects.requireNonNull(other, "other"));
  }

  /**
   * The same items, at least {@code period} apart (tokio-stream's {@code throttle}): after each
   * item the stream waits {@code period} on the runtime's clock before it polls this stream again.
   * The first item is not delayed. Needs a runtime timer ({@code Timer.of(cx)}).
   *
   * @param period the least time between items, positive
   * @return the throttled stream
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  default Stream<T> throttle(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "throttle period " + period + " is not allowed: the period must be positive");
    }
    return new ThrottleStream<>(this, period);
  }

  /**
   * A future of the next item, or {@code null} at the end. It borrows this stream: dropping it does
   * not drop the stream.
   *
   * @return the future of the next item
   */
  default Future<T> next() {
    return new Future<>() {
      @Override
      public Poll<T> poll(Context cx) throws Exception {
        return pollNext(cx);
      }
    };
  }

  /**
   * A future that passes every item to {@code action} and completes at the end. It owns this
   * stream; dropping it drops the stream. Yields once the task's cooperative budget is spent.
   *
   * @param action called with each item, on the polling thread
   * @return the future of the end
   */
  default Future<Void> forEach(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return fold(
        null,
        (ignored, item) -> {
          action.accept(item);
          return null;
        });
  }

  /**
   * A future of all items in a list, at the end. It owns this stream. Yields once the task's
   * cooperative budget is spent.
   *
   * @return the future of the items, in order, in a new mutable list
   */
  default Future<List<T>> collect() {
    return fold(
        new ArrayList<T>(),
        (items, item) -> {
          items.add(item);
          return items;
        });
  }

  /**
   * A future that combines the items, from {@code initial}, with {@code fn}, and completes with the
   * result at the end. It owns this stream. Yields once the task's cooperative budget is spent.
   *
   * @param initial the starting value, may be null
   * @param fn combines the value so far with the next item
   * @param <R> the result type
   * @return the future of the result
   */
  default <R> Future<R> fold(R initial, BiFunction<R, ? super T, R> fn) {
    return new StreamOps.FoldFuture<>(this, initial, Objects.requireNonNull(fn, "fn"));
  }
}
