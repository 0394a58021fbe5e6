package dev.gearbox.future;

import java.util.function.Function;

/**
 * The result of one {@link Future#poll(Context) poll}: {@link Ready} with a value, or {@link
 * Pending}.
 *
 * <p>{@link #pending()} is a shared constant and {@link #ready()} (for {@code Void} futures) too,
 * so a poll that does not produce a value allocates nothing.
 *
 * @param <T> the type of the value
 */
public sealed interface Poll<T> permits Poll.Ready, Poll.Pending {

  /**
   * A completed poll.
   *
   * @param value the output, may be {@code null}
   * @param <T> the type of the value
   */
  record Ready<T>(T value) implements Poll<T> {}

  /**
   * A poll that could not complete; the waker will be woken when progress is possible.
   *
   * @param <T> the type of the value it will eventually have
   */
  final class Pending<T> implements Poll<T> {
    private static final Pending<?> INSTANCE = new Pending<>();

    private Pending() {}

    @Override
    public String toString() {
      return "Pending";
    }
  }

  /**
   * Completed with {@code value}. Polls of {@code null}, {@link Boolean#TRUE} and {@link
   * Boolean#FALSE} are shared constants, as {@link Boolean#valueOf(boolean)} shares its results:
   * compare polls with {@code equals}, never by identity.
   *
   * @param value the output, may be {@code null}
   * @param <T> the type of the value
   * @return a Ready poll
   */
  @SuppressWarnings("unchecked")
  static <T> Poll<T> ready(T value) {
    if (value == null) {
      return (Poll<T>) Constants.READY_NULL;
    }
    if (value == Boolean.TRUE) {
      return (Poll<T>) Constants.READY_TRUE;
    }
    if (value == Boolean.FALSE) {
      return (Poll<T>) Constants.READY_FALSE;
    }
    return new Ready<>(value);
  }

  /**
   * Completed with {@code null}, for futures of {@code Void}; a shared constant.
   *
   * @param <T> the type of the value
   * @return a Ready poll of {@code null}
   */
  @SuppressWarnings("unchecked")
  static <T> Poll<T> ready() {
    return (Poll<T>) Constants.READY_NULL;
  }

  /**
   * Not yet complete; a shared constant.
   *
   * @param <T> the type of the value
   * @return the Pending poll
   */
  @SuppressWarnings("unchecked")
  static <T> Poll<T> pending() {
    return (Poll<T>) Pending.INSTANCE;
  }

  /**
   * Whether this poll completed.
   *
   * @return true for Ready
   */
  default boolean isReady() {
    return this instanceof Ready;
  }

  /**
   * Whether this poll did not complete.
   *
   * @return true for Pending
   */
  default boolean isPending() {
    return this instanceof Pending;
  }

  /**
   * The value of a Ready poll.
   *
   * @return the value
   * @throws IllegalStateException if this poll is Pending
   */
  default T value() {
    if (this instanceof Ready<T> ready) {
      return ready.value();
    }
    throw new IllegalStateException("value() of a Pending poll; check isReady() first");
  }

  /**
   * Maps the value of a Ready poll; Pending stays Pending.
   *
   * @param fn the mapping
   * @param <R> the new value type
   * @return the mapped poll
   */
  default <R> Poll<R> map(Function<? super T, ? extends R> fn) {
    if (this instanceof Ready<T> ready) {
      return new Ready<>(fn.apply(ready.value()));
    }
    return pending();
  }
}

/** Shared constants of {@link Poll}. */
final class Constants {
  static final Poll<?> READY_NULL = new Poll.Ready<>(null);
  static final Poll<?> READY_TRUE = new Poll.Ready<>(Boolean.TRUE);
  static final Poll<?> READY_FALSE = new Poll.Ready<>(Boolean.FALSE);

  private Constants() {}
}
