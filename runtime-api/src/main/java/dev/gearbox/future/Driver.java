package dev.gearbox.future;

/**
 * A runtime's driver as this package sees it: what a {@link Context} carries so that the layers
 * above find their part of it, without this package naming them. Each driver layer defines an
 * interface that extends this one ({@code dev.gearbox.time.Timer}, {@code
 * dev.gearbox.io.driver.Reactor}); a runtime's driver implements those it has, and each layer finds
 * its own with one type test ({@code Timer.of(cx)}, {@code Reactor.of(cx)}) that fails with a
 * message naming what is missing.
 *
 * <p>No methods: the interface only marks what a context may hand out as its driver.
 */
public interface Driver {}
