package dev.gearbox.future;

/**
 * What one iteration of {@link Futures#loop} decides: go on with a new state, or stop with a value.
 *
 * @param <S> the loop state type
 * @param <T> the loop's output type
 */
public sealed interface Step<S, T> permits Step.Continue, Step.Break {

  /**
   * Run the body again with {@code state}.
   *
   * @param state the next state
   * @param <S> the loop state type
   * @param <T> the loop's output type
   */
  record Continue<S, T>(S state) implements Step<S, T> {}

  /**
   * Stop the loop with {@code value}.
   *
   * @param value the loop's output
   * @param <S> the loop state type
   * @param <T> the loop's output type
   */
  record Break<S, T>(T value) implements Step<S, T> {}

  /**
   * Go on with {@code state}.
   *
   * @param state the next state
   * @param <S> the loop state type
   * @param <T> the loop's output type
   * @return the step
   */
  static <S, T> Step<S, T> next(S state) {
    return new Continue<>(state);
  }

  /**
   * Stop with {@code value}.
   *
   * @param value the loop's output
   * @param <S> the loop state type
   * @param <T> the loop's output type
   * @return the step
   */
  static <S, T> Step<S, T> done(T value) {
    return new Break<>(value);
  }
}
