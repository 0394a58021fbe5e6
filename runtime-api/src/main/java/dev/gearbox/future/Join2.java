package dev.gearbox.future;

/**
 * The outputs of two futures joined by {@link Futures#join(Future, Future)}.
 *
 * @param first the output of the first future
 * @param second the output of the second future
 * @param <A> the output type of the first future
 * @param <B> the output type of the second future
 */
public record Join2<A, B>(A first, B second) {}
