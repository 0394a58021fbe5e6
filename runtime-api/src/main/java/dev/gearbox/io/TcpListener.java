package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP socket listening for connections, as Tokio's {@code TcpListener}.
 *
 * <p>Binding is synchronous and needs no runtime; the listener registers with the reactor of the
 * runtime that first polls one of its {@link #accept()} futures. Thread-safe; one task at a time
 * should wait in {@code accept}.
 */
public final class TcpListener implements AutoCloseable {
  private final Network.Listener listener;

  private TcpListener(Network.Listener listener) {
    this.listener = listener;
  }

  /**
   * Binds a listener to {@code address} and starts listening. Cost: one socket and three system
   * calls, on the calling thread. On a runtime with a network of its own (the {@code simulated}
   * runtime, see {@link Network#current()}), the listener is made in that network instead.
   *
   * @param address the local address; port 0 picks a free port (see {@link #localAddress()})
   * @return the listener
   * @throws NullPointerException if {@code address} is null
   * @throws java.net.BindException naming the address, e.g. "bind 127.0.0.1:8080: address already
   *     in use"
   * @throws IOException if the socket cannot be opened
   */
  public static TcpListener bind(InetSocketAddress address) throws IOException {
    Objects.requireNonNull(address, "address");
    return new TcpListener(HostNetwork.current().bindTcp(address));
  }

  /**
   * Binds a listener to {@code port} on the loopback address 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @return the listener
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   * @throws java.net.BindException naming the address if the port is in use
   * @throws IOException if the socket cannot be opened
   */
  public static TcpListener bind(int port) throws IOException {
    return bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * A future of the next incoming connection. Its drop releases its waker; a connection not yet
   * accepted stays queued for the next {@code accept}.
   *
   * @return a future of the accepted stream, which fails with an IOException naming this listener's
   *     address, or "... is closed" if the listener is closed
   */
  public Future<TcpStream> accept() {
    return listener.accept().map(TcpStream::new);
  }

  /**
   * The address this listener is bound to, with the actual port when bound to port 0.
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /**
   * Stops listening and releases the socket by the time it returns (connecting to the port is then
   * refused); a task waiting in {@link #accept()} wakes up and fails. Connections already accepted
   * are not affected. Idempotent, any thread; may wait briefly for the thread driving the reactor.
   */
  @Override
  public void close() {
    listener.close();
  }

  @Override
  public String toString() {
    return listener.toString();
  }
}
