/**
 * The I/O plumbing under the sockets of {@code dev.gearbox.io}: {@link
 * dev.gearbox.io.driver.Reactor} (the I/O driver as a future sees it, found with {@code
 * Reactor.of(cx)}), {@link dev.gearbox.io.driver.Registration} and {@link
 * dev.gearbox.io.driver.Interest} (waiting for readiness on one channel), and {@link
 * dev.gearbox.io.driver.Network} (the seam through which a runtime brings a network of its own, as
 * the testkit's simulated runtime does).
 *
 * <p>Exported only to the runtime modules and the testkit ({@code exports ... to} in {@code
 * module-info}): applications use {@code TcpListener}, {@code TcpStream} and {@code UdpSocket},
 * which forward to these types. This package lies below {@code dev.gearbox.io}: it uses {@code
 * future} and {@code runtime} only, and {@code io} and the selector reactor ({@code
 * dev.gearbox.io.reactor}) build on it.
 */
package dev.gearbox.io.driver;
