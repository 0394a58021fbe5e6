package dev.gearbox.future;

import java.util.function.Function;

/**
 * The combinators behind {@link Future}'s default methods.
 *
 * <p>Implementation notes: each combinator owns the futures it wraps. It polls them with the
 * caller's context, so waking is forwarded without allocating, and it forwards {@link
 * Future#drop()} to the future it is currently waiting on. A combinator is not thread-safe; its
 * task polls it from one thread at a time.
 */
final class Combinators {
  private Combinators() {}

  /** {@link Future#map}. */
  static final class MapFuture<T, R> implements Future<R> {
    private Future<T> source;
    private final Function<? super T, ? extends R> fn;

    MapFuture(Future<T> source, Function<? super T, ? extends R> fn) {
      this.source = source;
      this.fn = fn;
    }

    @Override
    public Poll<R> poll(Context cx) throws Exception {
      Poll<T> poll = source.poll(cx);
      if (poll instanceof Poll.Ready<T>(T value)) {
        source = null; // Ready: a drop after fn throws must not reach it
        return Poll.ready(fn.apply(value));
      }
      return Poll.pending();
    }

    @Override
    public void drop() {
      if (source != null) {
        source.drop();
      }
    }
  }

  /** {@link Future#flatMap}: first the source, then the future made from its output. */
  static final class FlatMapFuture<T, R> implements Future<R> {
    private Future<T> source;
    private final Function<? super T, ? extends Future<R>> fn;
    private Future<R> next;

    FlatMapFuture(Future<T> source, Function<? super T, ? extends Future<R>> fn) {
      this.source = source;
      this.fn = fn;
    }

    @Override
    public Poll<R> poll(Context cx) throws Exception {
      if (next == null) {
        Poll<T> poll = source.poll(cx);
        if (!(poll instanceof Poll.Ready<T>(T value))) {
          return Poll.pending();
        }
        source = null;
        next = fn.apply(value);
        if (next == null) {
          throw new NullPointerException("flatMap function returned null for " + value);
        }
      }
      return next.poll(cx);
    }

    @Override
    public void drop() {
      if (next != null) {
        next.drop();
      } else if (source != null) {
        source.drop();
      }
    }
  }

  /** {@link Future#recover}: replaces a failure of the source with {@code fn(failure)}. */
  static final class RecoverFuture<T> implements Future<T> {
    private Future<T> source;
    private final Function<? super Throwable, ? extends T> fn;

    RecoverFuture(Future<T> source, Function<? super Throwable, ? extends T> fn) {
      this.source = source;
      this.fn = fn;
    }

    @Override
    public Poll<T> poll(Context cx) {
      try {
        return source.poll(cx);
      } catch (Exception failure) {
        // This combinator gives up on the source that threw, so it drops it (releasing what it
        // holds); a drop failure travels with the failure, as a suppressed exception.
        Future<?>[] failed = {source};
        source = null;
        Failures.dropAll(failed, failure);
        return Poll.ready(fn.apply(failure));
      }
    }

    @Override
    public void drop() {
      if (source != null) {
        source.drop();
      }
    }
  }
}
