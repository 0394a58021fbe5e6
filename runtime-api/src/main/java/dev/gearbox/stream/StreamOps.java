package dev.gearbox.stream;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one-stream combinators behind {@link Stream}'s default methods, and the folding future.
 *
 * <p>Implementation notes: each owns the stream it wraps, polls it with the caller's context (so
 * wakes are forwarded without allocating) and forwards {@code drop()}. None is thread-safe: the
 * owning task polls it from one thread at a time. Loops that could spin on an always-ready source
 * (filter, flatMap, skip, fold) spend the polling task's cooperative budget: the first item of a
 * poll is free, each further one spends a unit ({@link Context#consumeBudget()}, Tokio's {@code
 * coop}), and once it is spent they wake their task and return Pending, as {@code Futures.loop}
 * does. So a pipeline yields after the same work as any other ready future, on every runtime; a
 * context without a budget ({@code Context.of}) never makes it yield.
 */
final class StreamOps {
  private StreamOps() {}

  static long checkCount(String operation, long count) {
    if (count < 0) {
      throw new IllegalArgumentException(operation + " count must be 0 or more, but was " + count);
    }
    return count;
  }

  static <T> Poll<T> yieldNow(Context cx) {
    cx.waker().wake();
    return Poll.pending();
  }

  /** {@link Stream#map}. */
  record MapStream<T, R>(Stream<T> source, Function<? super T, ? extends R> fn)
      implements Stream<R> {
    @Override
    public Poll<R> pollNext(Context cx) throws Exception {
      Poll<T> poll = source.pollNext(cx);
      if (!(poll instanceof Poll.Ready<T>(T item))) {
        return Poll.pending();
      }
      if (item == null) {
        return Stream.end();
      }
      R mapped = fn.apply(item);
      return Poll.ready(
          Objects.requireNonNull(mapped, () -> "map function returned null for " + item));
    }

    @Override
    public void drop() {
      source.drop();
    }
  }

  /** {@link Stream#filter}. */
  record FilterStream<T>(Stream<T> source, Predicate<? super T> predicate) implements Stream<T> {
    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      do {
        Poll<T> poll = source.pollNext(cx);
        if (!(poll instanceof Poll.Ready<T>(T item))) {
          return Poll.pending();
        }
        if (item == null || predicate.test(item)) {
          return poll;
        }
      } while (cx.consumeBudget());
      return yieldNow(cx);
    }

    @Override
    public void drop() {
      source.drop();
    }
  }

  /** {@link Stream#flatMap}: the inner streams one after the other. */
  static final class FlatMapStream<T, R> implements Stream<R> {
    private final Stream<T> source;
    private final Function<? super T, ? extends Stream<R>> fn;
    private Stream<R> inner;

    FlatMapStream(Stream<T> source, Function<? super T, ? extends Stream<R>> fn) {
      this.source = source;
      this.fn = fn;
    }

    @Override
    public Poll<R> pollNext(Context cx) throws Exception {
      do {
        if (inner != null) {
          Poll<R> poll = inner.pollNext(cx);
          if (!Stream.isEnd(poll)) {
            return poll;
          }
          inner = null;
        }
        Poll<T> outer = source.pollNext(cx);
        if (!(outer instanceof Poll.Ready<T>(T item))) {
          return Poll.pending();
        }
        if (item == null) {
          return Stream.end();
        }
        inner =
            Objects.requireNonNull(
                fn.apply(item), () -> "flatMap function returned null for " + item);
      } while (cx.consumeBudget());
      return yieldNow(cx);
    }

    @Override
    public void drop() {
      if (inner != null) {
        inner.drop();
      }
      source.drop();
    }
  }

  /** {@link Stream#take}. */
  static final class TakeStream<T> implements Stream<T> {
    private final Stream<T> source;
    private long remaining;

    TakeStream(Stream<T> source, long count) {
      this.source = source;
      this.remaining = count;
    }

    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      if (remaining == 0) {
        return Stream.end();
      }
      Poll<T> poll = source.pollNext(cx);
      if (poll.isReady()) {
        remaining = Stream.isEnd(poll) ? 0 : remaining - 1;
      }
      return poll;
    }

    @Override
    public void drop() {
      source.drop();
    }
  }

  /** {@link Stream#skip}. */
  static final class SkipStream<T> implements Stream<T> {
    private final Stream<T> source;
    private long toSkip;

    SkipStream(Stream<T> source, long count) {
      this.source = source;
      this.toSkip = count;
    }

    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      do {
        Poll<T> poll = source.pollNext(cx);
        if (toSkip == 0 || poll.isPending() || Stream.isEnd(poll)) {
          return poll;
        }
        toSkip--;
      } while (cx.consumeBudget());
      return yieldNow(cx);
    }

    @Override
    public void drop() {
      source.drop();
    }
  }

  /** {@link Stream#fold}, and through it forEach and collect: owns the stream. */
  static final class FoldFuture<T, R> implements Future<R> {
    private final Stream<T> source;
    private final BiFunction<R, ? super T, R> fn;
    private R accumulated;
    private boolean done;

    FoldFuture(Stream<T> source, R initial, BiFunction<R, ? super T, R> fn) {
      this.source = source;
      this.accumulated = initial;
      this.fn = fn;
    }

    @Override
    public Poll<R> poll(Context cx) throws Exception {
      if (done) {
        throw new IllegalStateException("stream fold polled after it completed");
      }
      do {
        Poll<T> poll = source.pollNext(cx);
        if (!(poll instanceof Poll.Ready<T>(T item))) {
          return Poll.pending();
        }
        if (item == null) {
          done = true;
          return Poll.ready(accumulated);
        }
        accumulated = fn.apply(accumulated, item);
      } while (cx.consumeBudget());
      return yieldNow(cx);
    }

    @Override
    public void drop() {
      if (!done) {
        done = true;
        source.drop();
      }
    }
  }
}
