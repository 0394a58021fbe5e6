package dev.gearbox.future;

/**
 * The outputs of three futures joined by {@link Futures#join(Future, Future, Future)}.
 *
 * @param first the output of the first future
 * @param second the output of the second future
 * @param third the output of the third future
 * @param <A> the output type of the first future
 * @param <B> the output type of the second future
 * @param <C> the output type of the third future
 */
public record Join3<A, B, C>(A first, B second, C third) {}
