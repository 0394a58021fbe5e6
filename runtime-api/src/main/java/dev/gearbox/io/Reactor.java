package dev.gearbox.io;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * The I/O driver of a runtime, as futures see it through {@code cx.reactor()}: it watches
 * registered channels and wakes the futures that wait for them to become ready.
 *
 * <p>A future uses it in the style of mio and Tokio: it registers its channel once, then on every
 * poll tries the non-blocking operation first and only when that would block asks its {@link
 * Registration} to wake it ({@link Registration#pollReadable}, {@link Registration#pollWritable}).
 * The sockets of this package ({@link TcpListener}, {@link TcpStream}, {@link UdpSocket}) do this
 * for their users.
 *
 * <p>Runtimes own one {@link SelectorReactor} each and drive it; this interface is the part futures
 * need. Every method is thread-safe.
 */
public interface Reactor {

  /**
   * Starts watching {@code channel}. The channel is switched to non-blocking mode. Nothing is armed
   * until a future asks for readiness; the channel is registered with the selector by the thread
   * that drives the reactor, before its next select.
   *
   * <p>Cost: one small allocation and a queued change; no system call on the calling thread.
   *
   * @param channel an open channel not yet registered with this reactor
   * @return the registration through which futures wait for readiness
   * @throws NullPointerException if {@code channel} is null
   * @throws IllegalArgumentException if {@code channel} is registered with this reactor already
   * @throws IOException if the reactor is closed ("reactor closed") or the channel cannot be made
   *     non-blocking
   */
  Registration register(SelectableChannel channel) throws IOException;
}
