/**
 * Asynchronous sockets: {@link dev.gearbox.io.TcpListener}, {@link dev.gearbox.io.TcpStream} and
 * {@link dev.gearbox.io.UdpSocket}. The plumbing under them is internal: the reactor interface the
 * sockets' futures wait through ({@code Reactor}, {@code Registration}, {@code Interest}) and the
 * seam a runtime's own network plugs into ({@code Network}) live in {@code dev.gearbox.io.driver},
 * exported only to the runtime modules and the testkit; the selector reactor that runtimes drive
 * lives in {@code dev.gearbox.io.reactor}, which only the runtime's driver ({@code
 * dev.gearbox.spi.RuntimeDriver}) reaches.
 *
 * <h2>Design</h2>
 *
 * <p>One NIO selector per runtime (epoll on Linux), written once here; runtimes differ only in who
 * drives it: the idle worker, a dedicated thread, the thread inside {@code blockOn}. The driver
 * calls its {@code turn(long)} with the next timer deadline as timeout when it has nothing to run,
 * and any thread that makes work for it calls its {@code wakeup()}.
 *
 * <p>Futures reach the reactor only through {@code Reactor.of(cx)}, the driver of the context that
 * polls them. Sockets are made outside any runtime (binding is synchronous) and register with the
 * reactor of the first runtime that polls one of their futures.
 *
 * <p>Readiness follows mio and Tokio: a future tries its non-blocking operation first; only when it
 * would block does it clear the readiness it used and ask its registration to wake it. Interest is
 * armed then and disarmed by the event that wakes it, so idle sockets cost the selector nothing.
 * Only the driving thread touches selection keys; other threads queue their changes and wake the
 * selector (see the implementation notes of {@code SelectorReactor}).
 *
 * <p>Every socket operation spends one unit of the polling task's cooperative budget ({@link
 * dev.gearbox.future.Context#proceedOrYield()}) before it tries the channel; with the budget spent
 * it wakes its task and returns Pending, so a task looping over an always-ready socket yields to
 * the other tasks of its worker (Tokio's {@code coop}). A {@code Network} of a runtime's own does
 * the same in its futures.
 *
 * <p>Closing a socket wakes the tasks waiting on it, which fail with "... is closed"; its
 * descriptor is released by the driving thread once the selector forgot the channel. Closing the
 * reactor wakes every waiting task, which fail with "reactor closed". Every error names the address
 * involved ("connect to 127.0.0.1:1234 refused"). File I/O is not here: it goes through {@code
 * Runtime.spawnBlocking}, as {@code tokio::fs} does.
 *
 * <p>A runtime may bring a network of its own ({@code dev.gearbox.io.driver.Network}; the testkit's
 * {@code simulated} runtime does): sockets bound on its threads, and connect futures first polled
 * there, then live in that network, behind the same classes. Everywhere else they are the real
 * sockets described above. Either way the public classes only check arguments and forward to a
 * {@code Network} object: the host's own ({@code HostNetwork}, with {@code HostListener}, {@code
 * HostConnection}, {@code HostDatagram}) or the runtime's.
 */
package dev.gearbox.io;
