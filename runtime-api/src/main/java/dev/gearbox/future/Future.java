package dev.gearbox.future;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An asynchronous computation that is driven by polling, as Rust's {@code std::future::Future}.
 *
 * <p>A runtime calls {@link #poll(Context)}: the future either completes with {@link Poll#ready} or
 * returns {@link Poll#pending()} after it has arranged for {@code cx.waker()} to be woken when it
 * can make progress. The contract:
 *
 * <ul>
 *   <li>Ready is final: a future is never polled again after it returned Ready or threw.
 *   <li>Pending means the future registered {@code cx.waker()} (the most recent waker wins) with
 *       whatever will make progress possible; a future that returns Pending without arranging a
 *       wake is never polled again.
 *   <li>A poll may throw: the enclosing task then drops the future and completes exceptionally.
 *   <li>{@link #drop()} is called at most once, when the owner gives up on a future that did not
 *       return Ready: a pending one (an aborted task, the loser of a race, a timed-out operation)
 *       or one whose poll threw (as Tokio drops a future that panicked). It releases what the
 *       future holds: timer entries, waiter slots, permits. It is never called concurrently with
 *       {@code poll}, and never after Ready.
 * </ul>
 *
 * <p>Polls are cheap and must not block: blocking work goes to {@code Runtime.spawnBlocking}.
 *
 * @param <T> the type of the output
 */
@FunctionalInterface
public interface Future<T> {

  /**
   * Attempts to make progress.
   *
   * @param cx the polling context: the waker to wake when progress is possible, and the runtime's
   *     drivers
   * @return Ready with the output, or Pending after registering {@code cx.waker()}
   * @throws Exception if the computation failed; the future is then finished
   */
  Poll<T> poll(Context cx) throws Exception;

  /**
   * Releases what this future holds, because it will never be polled again: it is pending, or its
   * last poll threw. The default does nothing. Combinators forward the call to the futures they
   * still own (never to one that returned Ready), and one that recovers from a child's failure
   * drops that child.
   */
  default void drop() {}

  /**
   * A future that applies {@code fn} to this future's output.
   *
   * @param fn the mapping, called once on the polling thread
   * @param <R> the new output type
   * @return the mapped future
   */
  default <R> Future<R> map(Function<? super T, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Combinators.MapFuture<>(this, fn);
  }

  /**
   * A future that, once this one completes, runs the future that {@code fn} returns for its output.
   *
   * @param fn gives the next future from this one's output
   * @param <R> the output type of the next future
   * @return the chained future
   */
  default <R> Future<R> flatMap(Function<? super T, ? extends Future<R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Combinators.FlatMapFuture<>(this, fn);
  }

  /**
   * A future that completes with {@code fn(error)} if this one fails, and with its output
   * otherwise.
   *
   * @param fn maps the failure to a replacement output
   * @return the recovering future
   */
  default Future<T> recover(Function<? super Throwable, ? extends T> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Combinators.RecoverFuture<>(this, fn);
  }

  /**
   * A future that runs {@code next} after this one and completes with {@code next}'s output; this
   * one's output is discarded.
   *
   * @param next the future to run after this one
   * @param <R> the output type of {@code next}
   * @return the sequenced future
   */
  default <R> Future<R> andThen(Future<R> next) {
    Objects.requireNonNull(next, "next");
    return flatMap(ignored -> next);
  }

  /**
   * A future that passes this one's output to {@code action} before completing with it.
   *
   * @param action observes the output
   * @return the inspecting future
   */
  default Future<T> inspect(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return map(
        value -> {
          action.accept(value);
          return value;
        });
  }
}
