/**
 * Poll-based futures, as Rust's {@code std::future}: {@link dev.gearbox.future.Future}, {@link
 * dev.gearbox.future.Poll}, {@link dev.gearbox.future.Context}, {@link dev.gearbox.future.Waker},
 * and the combinators in {@code Futures}. Nothing here depends on a runtime: futures reach their
 * runtime's drivers only through the {@code Context} they are polled with.
 */
package dev.gearbox.future;
