/**
 * The I/O driver behind {@link dev.gearbox.io.driver.Reactor}: {@link
 * dev.gearbox.io.reactor.IoDriver}, implemented by one NIO selector per runtime. Not exported: the
 * runtime's driver ({@code dev.gearbox.spi.RuntimeDriver}) owns and turns it, and runtime modules
 * reach it only through that driver. Nothing outside {@code dev.gearbox.io} names the selector
 * reactor; the layering test checks it.
 */
package dev.gearbox.io.reactor;
