package dev.gearbox.future;

/**
 * The output of {@link Futures#select(Future, Future)}: which of the two futures completed first,
 * with its output. Match on it with a switch:
 *
 * <pre>{@code
 * switch (either) {
 *   case Either.First<String, Integer>(String text) -> ...;
 *   case Either.Second<String, Integer>(Integer number) -> ...;
 * }
 * }</pre>
 *
 * @param <A> the output type of the first future
 * @param <B> the output type of the second future
 */
public sealed interface Either<A, B> permits Either.First, Either.Second {

  /**
   * The first future completed first.
   *
   * @param value its output
   * @param <A> the output type of the first future
   * @param <B> the output type of the second future
   */
  record First<A, B>(A value) implements Either<A, B> {}

  /**
   * The second future completed first.
   *
   * @param value its output
   * @param <A> the output type of the first future
   * @param <B> the output type of the second future
   */
  record Second<A, B>(B value) implements Either<A, B> {}
}
