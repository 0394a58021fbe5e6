package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A UDP socket, as Tokio's {@code UdpSocket}: datagrams sent to and received from any address, or
 * only from the peer it is {@link #connect connected} to.
 *
 * <p>Binding is synchronous and needs no runtime; the socket registers with the reactor of the
 * runtime that first polls one of its futures. Thread-safe; at most one task should receive and one
 * send at a time. Errors are IOExceptions that name the address.
 */
public final class UdpSocket implements AutoCloseable {
  private final Network.Datagram socket;
  private volatile SocketAddress peerAddress;

  private UdpSocket(Network.Datagram socket) {
    this.socket = socket;
  }

  /**
   * Binds a UDP socket to {@code address}. Cost: one socket and a few system calls, on the calling
   * thread. On a runtime with a network of its own (the {@code simulated} runtime, see {@link
   * Network#current()}), the socket is made in that network instead.
   *
   * @param address the local address; port 0 picks a free port (see {@link #localAddress()})
   * @return the socket
   * @throws NullPointerException if {@code address} is null
   * @throws java.net.BindException naming the address, e.g. "bind 127.0.0.1:5353: address already
   *     in use"
   * @throws IOException if the socket cannot be opened
   */
  public static UdpSocket bind(InetSocketAddress address) throws IOException {
    Objects.requireNonNull(address, "address");
    return new UdpSocket(HostNetwork.current().bindUdp(address));
  }

  /**
   * Binds a UDP socket to {@code port} on the loopback address 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @return the socket
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   * @throws java.net.BindException naming the address if the port is in use
   * @throws IOException if the socket cannot be opened
   */
  public static UdpSocket bind(int port) throws IOException {
    return bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Connects the socket to {@code peer}: {@link #send(ByteBuffer)} sends there, and only its
   * datagrams are received. Synchronous and cheap (no packet is sent).
   *
   * @param peer the peer address
   * @throws NullPointerException if {@code peer} is null
   * @throws IOException naming the peer if the connect fails, or "... is closed"
   */
  public void connect(SocketAddress peer) throws IOException {
    Objects.requireNonNull(peer, "peer");
    socket.connect(peer);
    peerAddress = peer;
  }

  /**
   * A future that sends the remaining bytes of {@code src} as one datagram to {@code target}.
   *
   * @param src the datagram, from its position to its limit
   * @param target where to send it
   * @return a future of the number of bytes sent (all of them), which fails naming {@code target}
   * @throws NullPointerException if an argument is null
   */
  public Future<Integer> send(ByteBuffer src, SocketAddress target) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(target, "target");
    return socket.send(src, target);
  }

  /**
   * A future that sends the remaining bytes of {@code src} as one datagram to the connected peer.
   *
   * @param src the datagram, from its position to its limit
   * @return a future of the number of bytes sent (all of them), which fails naming the peer (for
   *     instance "port unreachable" after the peer refused an earlier datagram)
   * @throws NullPointerException if {@code src} is null
   * @throws IllegalStateException if the socket is not connected
   */
  public Future<Integer> send(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return socket.send(src, connectedPeer());
  }

  /**
   * A future that receives one datagram into {@code dst}; the part that does not fit is discarded.
   * On a connected socket, only datagrams from the peer arrive.
   *
   * @param dst the buffer to fill from its position
   * @return a future of the sender's address, which fails naming this socket's address (or the
   *     peer's, when connected)
   * @throws NullPointerException if {@code dst} is null
   */
  public Future<SocketAddress> receive(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return socket.receive(dst, peerAddress);
  }

  private SocketAddress connectedPeer() {
    SocketAddress peer = peerAddress;
    if (peer == null) {
      throw new IllegalStateException(this + " is not connected: use send(src, target)");
    }
    return peer;
  }

  /**
   * The address this socket is bound to, with the actual port when bound to port 0.
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  /**
   * Closes the socket: tasks waiting on it wake up and fail with "... is closed", and the port is
   * free by the time this returns. Idempotent, any thread; may wait briefly for the thread driving
   * the reactor.
   */
  @Override
  public void close() {
    socket.close();
  }

  @Override
  public String toString() {
    return socket.toString();
  }
}
