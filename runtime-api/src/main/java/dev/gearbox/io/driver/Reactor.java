package dev.gearbox.io.driver;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * The I/O driver of a runtime, as futures see it through {@link #of(Context) Reactor.of(cx)}: it
 * watches registered channels and wakes the futures that wait for them to become ready.
 *
 * <p>A future uses it in the style of mio and Tokio: it registers its channel once, then on every
 * poll tries the non-blocking operation first and only when that would block asks its {@link
 * Registration} to wake it ({@link Registration#pollReadable}, {@link Registration#pollWritable}).
 * The sockets of {@code dev.gearbox.io} ({@code TcpListener}, {@code TcpStream}, {@code UdpSocket})
 * do this for their users.
 *
 * <p>Runtimes own one each (a selector reactor, {@code dev.gearbox.io.reactor}) and drive it; this
 * interface is the part futures need. Every method is thread-safe.
 */
public interface Reactor extends Driver {

  /**
   * The reactor of the runtime polling {@code cx}: its {@linkplain Context#driver() driver}, when
   * that is a reactor. Cheap: one field read and one type test on a runtime's context; I/O futures
   * call it on every poll.
   *
   * @param cx the context of the poll
   * @return the runtime's reactor
   * @throws IllegalStateException if the context's driver is not a reactor, as for contexts made by
   *     {@link Context#of(dev.gearbox.future.Waker)}: poll I/O futures on a Gearbox runtime, or
   *     build a context that supplies one
   */
  static Reactor of(Context cx) {
    if (cx.driver() instanceof Reactor reactor) {
      return reactor;
    }
    throw new IllegalStateException(
        "no I/O reactor in this context: poll I/O futures on a Gearbox runtime, or build a Context"
            + " that supplies one");
  }

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
