package dev.gearbox.io.driver;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.Runtime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A network other than the host's real sockets, behind the public sockets of {@code dev.gearbox.io}
 * ({@code TcpListener.bind}, {@code TcpStream.connect}, {@code UdpSocket.bind}), as a simulator
 * needs (turmoil's and madsim's approach). A runtime that brings one implements {@link Owner}; the
 * static factories of the sockets ask {@link #current()} and, when it is null (every real runtime,
 * and every thread outside a runtime), use real NIO sockets exactly as before.
 *
 * <p>The implementation owns the semantics: addresses, delivery, readiness. The public sockets only
 * forward to it and keep their messages and argument checks.
 */
public interface Network {

  /**
   * The network of the runtime that owns the current thread ({@link CurrentRuntime}), for the
   * sockets' static factories. Cost: a thread-local read and a type test.
   *
   * @return the runtime's network, or null for the host's real sockets
   */
  static Network current() {
    Runtime runtime = CurrentRuntime.get();
    return runtime instanceof Owner owner ? owner.network() : null;
  }

  /** A runtime whose tasks use a network of its own instead of real sockets. */
  interface Owner {
    /**
     * The network the sockets made on this runtime's threads use.
     *
     * @return the network; never null
     */
    Network network();
  }

  /**
   * Binds a TCP listener, as {@code TcpListener.bind}.
   *
   * @param address the local address; port 0 picks a free port
   * @return the listener
   * @throws IOException naming the address if it cannot be bound
   */
  Listener bindTcp(InetSocketAddress address) throws IOException;

  /**
   * A future that connects to {@code address}, as {@code TcpStream.connect}.
   *
   * @param address a resolved address
   * @return the future of the connection, failing with a {@link java.net.ConnectException} naming
   *     the address
   */
  Future<Connection> connectTcp(InetSocketAddress address);

  /**
   * Binds a UDP socket, as {@code UdpSocket.bind}.
   *
   * @param address the local address; port 0 picks a free port
   * @return the socket
   * @throws IOException naming the address if it cannot be bound
   */
  Datagram bindUdp(InetSocketAddress address) throws IOException;

  /** A listening TCP socket of the network. */
  interface Listener {
    /**
     * The bound address.
     *
     * @return the address, with the actual port
     */
    InetSocketAddress localAddress();

    /**
     * A future of the next incoming connection.
     *
     * @return the future; fails once the listener is closed
     */
    Future<Connection> accept();

    /** Stops listening; idempotent. */
    void close();
  }

  /** A connected TCP stream of the network. */
  interface Connection {
    /**
     * The local address.
     *
     * @return the address
     */
    InetSocketAddress localAddress();

    /**
     * The peer's address.
     *
     * @return the address
     */
    InetSocketAddress peerAddress();

    /**
     * A future that reads what is available, waiting for at least one byte.
     *
     * @param dst the buffer to fill from its position
     * @return the bytes read: -1 at end of stream, 0 only if {@code dst} has no room
     */
    Future<Integer> read(ByteBuffer dst);

    /**
     * A future that writes what it can, waiting until at least one byte can be written.
     *
     * @param src the bytes, from its position
     * @return the bytes written: 0 only if {@code src} is empty
     */
    Future<Integer> write(ByteBuffer src);

    /**
     * Half-closes the stream: the peer reads end of stream.
     *
     * @throws IOException if the stream is closed
     */
    void shutdownOutput() throws IOException;

    /**
     * Makes {@link #close()} reset the connection instead of ending it in order.
     *
     * @throws IOException if the stream is closed
     */
    void setZeroLinger() throws IOException;

    /**
     * Turns the coalescing of small writes (Nagle's algorithm) off or on. By default nothing: a
     * network that does not coalesce writes has nothing to turn off.
     *
     * @param on whether to send small writes at once
     * @throws IOException if the option cannot be set, or the stream is closed
     */
    default void setNoDelay(boolean on) throws IOException {}

    /** Closes the stream; idempotent. */
    void close();
  }

  /** A UDP socket of the network. */
  interface Datagram {
    /**
     * The bound address.
     *
     * @return the address, with the actual port
     */
    InetSocketAddress localAddress();

    /**
     * Connects the socket to {@code peer}, as {@code UdpSocket.connect}. By default nothing: the
     * caller passes the peer as {@code from} to {@link #receive}, which filters by it.
     *
     * @param peer the peer address
     * @throws IOException naming the peer if the connect fails, or the socket is closed
     */
    default void connect(SocketAddress peer) throws IOException {}

    /**
     * A future that sends the remaining bytes of {@code src} as one datagram.
     *
     * @param src the datagram
     * @param target where to send it
     * @return the bytes sent
     */
    Future<Integer> send(ByteBuffer src, SocketAddress target);

    /**
     * A future that receives one datagram; what does not fit in {@code dst} is discarded.
     *
     * @param dst the buffer to fill from its position
     * @param from only datagrams from this address (a connected socket), or null for any
     * @return the sender's address
     */
    Future<SocketAddress> receive(ByteBuffer dst, SocketAddress from);

    /** Closes the socket; idempotent. */
    void close();
  }
}
