/**
 * Poll-based futures, as Rust's {@code std::future}: {@link dev.gearbox.future.Future}, {@link
 * dev.gearbox.future.Poll}, {@link dev.gearbox.future.Context}, {@link dev.gearbox.future.Waker},
 * the combinators in {@link dev.gearbox.future.Futures} (with their results {@link
 * dev.gearbox.future.Join2}, {@link dev.gearbox.future.Join3} and {@link
 * dev.gearbox.future.Either}), and {@link dev.gearbox.future.AtomicWaker} for futures that are
 * woken from other threads. Nothing here depends on a runtime: futures reach their runtime's
 * drivers only through the {@code Context} they are polled with.
 */
package dev.gearbox.future;
