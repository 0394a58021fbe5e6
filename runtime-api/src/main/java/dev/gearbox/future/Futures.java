package dev.gearbox.future;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Static factories of futures: leaves ({@link #ready}, {@link #failed}, {@link #pending}, {@link
 * #lazy}, {@link #yieldNow}), combinators over several futures ({@link #join}, {@link #joinAll},
 * {@link #select}, {@link #race}), loops ({@link #loop}, {@link #repeat}) and the bridge from
 * {@link CompletionStage}.
 *
 * <p>The combinators own the futures passed to them: they poll them with the caller's context (so
 * waking costs nothing extra), never poll one again after it completed, and {@linkplain
 * Future#drop() drop} the ones they give up on. Like every future, the results are polled by one
 * thread at a time.
 */
public final class Futures {
  private Futures() {}

  /**
   * A future that is ready with {@code value} at its first poll. Allocates the future and one Ready
   * (none for {@code null}); polling allocates nothing.
   *
   * @param value the output, may be {@code null}
   * @param <T> the output type
   * @return the completed future
   */
  public static <T> Future<T> ready(T value) {
    return new SimpleFutures.ReadyFuture<>(value);
  }

  /**
   * A future that throws {@code failure} at its first poll (an {@link Error} as is; a throwable
   * that is neither an exception nor an error wrapped in an {@link
   * java.util.concurrent.ExecutionException}).
   *
   * @param failure what to throw
   * @param <T> the output type
   * @return the failed future
   * @throws NullPointerException if {@code failure} is null
   */
  public static <T> Future<T> failed(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    return new SimpleFutures.FailedFuture<>(failure);
  }

  /**
   * A future that never completes and registers no waker. A shared constant; free to poll.
   *
   * @param <T> the output type
   * @return the never-completing future
   */
  @SuppressWarnings("unchecked")
  public static <T> Future<T> pending() {
    return (Future<T>) SimpleFutures.NeverFuture.INSTANCE;
  }

  /**
   * Returns {@code poll} itself: a name that makes a lambda read as a future, as Rust's {@code
   * poll_fn}: {@code Futures.pollFn(cx -> ...)}. Free.
   *
   * @param poll the poll function
   * @param <T> the output type
   * @return {@code poll}
   * @throws NullPointerException if {@code poll} is null
   */
  public static <T> Future<T> pollFn(Future<T> poll) {
    return Objects.requireNonNull(poll, "poll");
  }

  /**
   * A future that calls {@code callable} at its first poll, on the polling thread, and completes
   * with its result or throws what it throws. The callable must not block.
   *
   * @param callable the computation
   * @param <T> the output type
   * @return the lazy future
   * @throws NullPointerException if {@code callable} is null
   */
  public static <T> Future<T> lazy(Callable<? extends T> callable) {
    Objects.requireNonNull(callable, "callable");
    return new SimpleFutures.LazyFuture<>(callable);
  }

  /**
   * A cooperative yield: the first poll returns Pending after a deferred wake ({@link
   * Context#deferWake()}), the second poll is ready. On a runtime that defers (work-stealing), the
   * task runs again only after the worker's other ready tasks and its next look at timers and I/O
   * (as Tokio's {@code yield_now}); on the others it goes to the back of its run queue. Allocates
   * the future only.
   *
   * @return a fresh yielding future (each use needs its own)
   */
  public static Future<Void> yieldNow() {
    return new SimpleFutures.YieldFuture();
  }

  /**
   * Runs two futures concurrently, in the caller's task, and completes with both outputs. See
   * {@link #joinAll} for polling, failure and drop.
   *
   * @param first the first future
   * @param second the second future
   * @param <A> the first output type
   * @param <B> the second output type
   * @return a future of both outputs
   * @throws NullPointerException if an argument is null
   */
  @SuppressWarnings("unchecked")
  public static <A, B> Future<Join2<A, B>> join(Future<A> first, Future<B> second) {
    Future<?>[] children = {
      Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second")
    };
    return new JoinFuture<>(children, outputs -> new Join2<>((A) outputs[0], (B) outputs[1]));
  }

  /**
   * Runs three futures concurrently, in the caller's task, and completes with the three outputs.
   * See {@link #joinAll} for polling, failure and drop.
   *
   * @param first the first future
   * @param second the second future
   * @param third the third future
   * @param <A> the first output type
   * @param <B> the second output type
   * @param <C> the third output type
   * @return a future of the three outputs
   * @throws NullPointerException if an argument is null
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C> Future<Join3<A, B, C>> join(
      Future<A> first, Future<B> second, Future<C> third) {
    Future<?>[] children = {
      Objects.requireNonNull(first, "first"),
      Objects.requireNonNull(second, "second"),
      Objects.requireNonNull(third, "third")
    };
    return new JoinFuture<>(
        children, outputs -> new Join3<>((A) outputs[0], (B) outputs[1], (C) outputs[2]));
  }

  /**
   * Runs all {@code futures} concurrently, in the caller's task, and completes with their outputs
   * in input order (an unmodifiable list that may hold nulls; empty input is ready at once).
   *
   * <p>Each poll polls every child that is not yet ready, with the caller's context, starting one
   * child further each time so no child is always last. A poll costs one poll per unfinished child;
   * the join allocates two arrays of the input's size. If a child throws, the join throws that
   * exception at once and drops the unfinished children. Dropping the join drops them too.
   *
   * @param futures the futures to join; the join owns them
   * @param <T> the output type
   * @return a future of all outputs
   * @throws NullPointerException if the list or one of its elements is null
   */
  @SuppressWarnings("unchecked")
  public static <T> Future<List<T>> joinAll(List<? extends Future<T>> futures) {
    Future<?>[] children = copyOf(futures, "futures");
    return new JoinFuture<>(
        children, outputs -> Collections.unmodifiableList(Arrays.asList((T[]) outputs)));
  }

  /**
   * Runs two futures until the first completes and tells which one it was; the other is dropped.
   * See {@link #race(List)} for fairness, failure and cost.
   *
   * @param first the first future
   * @param second the second future
   * @param <A> the first output type
   * @param <B> the second output type
   * @return a future of the winner's output, as {@link Either.First} or {@link Either.Second}
   * @throws NullPointerException if an argument is null
   */
  public static <A, B> Future<Either<A, B>> select(Future<A> first, Future<B> second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    return race(
        first.<Either<A, B>>map(Either.First::new), second.<Either<A, B>>map(Either.Second::new));
  }

  /**
   * Runs two futures of the same type until the first completes, with its output; the other is
   * dropped. See {@link #race(List)}.
   *
   * @param first the first future
   * @param second the second future
   * @param <T> the output type
   * @return a future of the winner's output
   * @throws NullPointerException if an argument is null
   */
  public static <T> Future<T> race(Future<? extends T> first, Future<? extends T> second) {
    Future<?>[] children = {
      Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second")
    };
    return raceOf(children);
  }

  /**
   * Runs all {@code futures} until the first completes, and completes with its output; the others
   * are dropped. If a child throws, the race throws that exception and drops the others; dropping
   * the race drops all children.
   *
   * <p>Fairness: each poll polls the children in turn, starting one child further than the poll
   * before, so when several are ready together no child always wins (Tokio's {@code select!} picks
   * a random start; rotation is deterministic). Rotation lives in one race: a race made afresh on
   * every iteration of a loop starts with its first child each time, so put the branch that must
   * not starve first, or alternate the order. A poll costs up to one poll per child.
   *
   * @param futures the futures to race; the race owns them
   * @param <T> the output type
   * @return a future of the winner's output
   * @throws NullPointerException if the list or one of its elements is null
   * @throws IllegalArgumentException if {@code futures} is empty (the race could never complete)
   */
  public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
    Future<?>[] children = copyOf(futures, "futures");
    if (children.length == 0) {
      throw new IllegalArgumentException("race needs at least one future; futures is empty");
    }
    return raceOf(children);
  }

  /**
   * A future of {@code stage}'s outcome: ready with its value, or throwing its exception ({@link
   * CompletionException} unwrapped to its cause). The first poll subscribes one callback to the
   * stage; the callback wakes the latest registered waker, race-free, from whichever thread
   * completes the stage. Dropping the future releases the waker, not the stage.
   *
   * @param stage the stage to await
   * @param <T> the output type
   * @return a future of the stage's outcome
   * @throws NullPointerException if {@code stage} is null
   */
  public static <T> Future<T> fromCompletionStage(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return new CompletionStageFuture<>(stage);
  }

  /**
   * An asynchronous loop: runs {@code body(initial)}, then, while it completes with {@link
   * Step#next(Object)}, {@code body} of the new state, until a body completes with {@link
   * Step#done(Object)}, whose value is the loop's output. Iterations that are ready at once run in
   * the same poll, each after the first spending a unit of the task's cooperative budget ({@link
   * Context#consumeBudget()}); once it is spent the loop yields so its worker's other tasks can
   * run. A body that throws ends the loop with that exception; dropping the loop drops the current
   * body future.
   *
   * <pre>{@code
   * Future<Integer> sum = Futures.loop(0, n -> n == 10
   *     ? Futures.ready(Step.done(n))
   *     : channel.receive().map(message -> Step.next(n + 1)));
   * }</pre>
   *
   * @param initial the first state, may be {@code null}
   * @param body gives the future of each iteration from its state
   * @param <S> the state type
   * @param <T> the output type
   * @return the loop future
   * @throws NullPointerException if {@code body} is null
   */
  public static <S, T> Future<T> loop(
      S initial, Function<? super S, ? extends Future<Step<S, T>>> body) {
    Objects.requireNonNull(body, "body");
    return new LoopFuture<>(initial, body);
  }

  /**
   * Runs {@code body(0)}, {@code body(1)}, ... {@code body(times - 1)} one after another, each
   * starting when the previous completed. A loop of {@link #loop}; see it for yielding and drop.
   *
   * @param times how many iterations, at least 0
   * @param body gives the future of iteration {@code i}
   * @return a future that completes after the last iteration
   * @throws IllegalArgumentException if {@code times} is negative
   * @throws NullPointerException if {@code body} is null
   */
  public static Future<Void> repeat(int times, IntFunction<? extends Future<?>> body) {
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 or more, got " + times);
    }
    Objects.requireNonNull(body, "body");
    return loop(
        0,
        (Integer index) ->
            index == times
                ? ready(Step.<Integer, Void>done(null))
                : Objects.requireNonNull(body.apply(index), "repeat body returned null")
                    .map(ignored -> Step.<Integer, Void>next(index + 1)));
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> raceOf(Future<?>[] children) {
    return new RaceFuture<>((Future<? extends T>[]) children);
  }

  private static Future<?>[] copyOf(List<? extends Future<?>> futures, String name) {
    Objects.requireNonNull(futures, name);
    Future<?>[] children = futures.toArray(new Future<?>[0]);
    for (int index = 0; index < children.length; index++) {
      Objects.requireNonNull(children[index], name + "[" + index + "]");
    }
    return children;
  }
}
