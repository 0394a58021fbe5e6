/**
 * Fibers: straight-line code on any Gearbox runtime. {@link dev.gearbox.fiber.Fiber} awaits
 * futures, sleeps and yields inside a fiber; {@link dev.gearbox.fiber.FiberScope} forks fibers
 * whose lifetime ends with a block. The top layer of the API: it builds on the runtime and the SPI
 * and nothing below imports it.
 */
package dev.gearbox.fiber;
