package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A connected TCP socket, as Tokio's {@code TcpStream}: reads and writes are futures that complete
 * when the socket is ready, driven by the reactor of the runtime that polls them first.
 *
 * <p>Thread-safe; at most one task should read and one write at a time (a second reader replaces
 * the first one's wake-up). Errors are IOExceptions that name the peer address ("read from
 * 127.0.0.1:5000: connection reset by peer"); every operation on a closed stream fails with a
 * {@link java.net.SocketException} "... is closed".
 */
public final class TcpStream implements AutoCloseable {
  /*
   * Implementation notes: the stream forwards to a Network.Connection, a HostConnection over a
   * real SocketChannel unless the runtime that made it has a network of its own (Network.current()
   * when the stream was accepted or connected).
   */
  private final Network.Connection connection;

  TcpStream(Network.Connection connection) {
    this.connection = connection;
  }

  /** The host connection under this stream, or null if it is a simulated network's. */
  HostConnection hostConnection() {
    return connection instanceof HostConnection host ? host : null;
  }

  /** A stream of a host connection just accepted, not yet registered with a reactor. */
  static TcpStream accepted(SocketChannel channel) throws IOException {
    return new TcpStream(HostConnection.accepted(channel));
  }

  /**
   * A future that opens a socket and connects it to {@code address}. Nothing happens until it is
   * first polled; dropping it before it completes closes the socket. First polled on a runtime with
   * a network of its own (the {@code simulated} runtime, see {@link Network#current()}), it
   * connects in that network instead.
   *
   * @param address the address to connect to
   * @return a future of the connected stream, which fails with a {@link java.net.ConnectException}
   *     naming the address, e.g. "connect to 127.0.0.1:1234 refused"
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   */
  public static Future<TcpStream> connect(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot connect to unresolved address " + address);
    }
    return new Connect(address);
  }

  /** {@link #connect}: the network is chosen on the first poll, by the runtime that polls. */
  private static final class Connect implements Future<TcpStream> {
    private final InetSocketAddress address;
    private Future<Network.Connection> connecting;

    Connect(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) throws Exception {
      if (connecting == null) {
        connecting = HostNetwork.current().connectTcp(address);
      }
      return connecting.poll(cx) instanceof Poll.Ready<Network.Connection>(var connected)
          ? Poll.ready(new TcpStream(connected))
          : Poll.pending();
    }

    @Override
    public void drop() {
      if (connecting != null) {
        connecting.drop();
      }
    }
  }

  /**
   * A future that reads what is available into {@code dst}, waiting until at least one byte is.
   *
   * @param dst the buffer to fill from its position; left untouched if it has no room
   * @return a future of the number of bytes read: -1 at end of stream, 0 only if {@code dst} has no
   *     room
   * @throws NullPointerException if {@code dst} is null
   */
  public Future<Integer> read(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return connection.read(dst);
  }

  /**
   * A future that writes what it can of {@code src}, waiting until at least one byte can be.
   *
   * @param src the bytes to write, from its position
   * @return a future of the number of bytes written: 0 only if {@code src} is empty
   * @throws NullPointerException if {@code src} is null
   */
  public Future<Integer> write(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return connection.write(src);
  }

  /**
   * A future that fills {@code dst} completely.
   *
   * @param dst the buffer to fill, from its position to its limit
   * @return a future that completes when {@code dst} is full, and fails with an {@link
   *     java.io.EOFException} naming the peer if the stream ends first
   * @throws NullPointerException if {@code dst} is null
   */
  public Future<Void> readExact(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return connection instanceof HostConnection host
        ? host.readExact(dst)
        : new VirtualTransfer(connection, dst, true, peerAddress());
  }

  /**
   * A future that writes all of {@code src}.
   *
   * @param src the bytes to write, from its position to its limit
   * @return a future that completes when {@code src} is empty
   * @throws NullPointerException if {@code src} is null
   */
  public Future<Void> writeAll(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return connection instanceof HostConnection host
        ? host.writeAll(src)
        : new VirtualTransfer(connection, src, false, peerAddress());
  }

  /**
   * A future that copies everything {@code from} sends to {@code to}, until {@code from} reaches
   * end of stream, as Tokio's {@code io::copy}; neither stream is closed. An echo server's
   * connection is {@code copy(stream, stream)}. Cost: one 8 KiB buffer; between host sockets
   * nothing per chunk.
   *
   * @param from the stream to read
   * @param to the stream to write; may be {@code from}
   * @return a future of the number of bytes copied, which fails as the first failed read or write
   * @throws NullPointerException if either is null
   */
  public static Future<Long> copy(TcpStream from, TcpStream to) {
    return new StreamCopy(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
  }

  /**
   * Shuts down the sending side (TCP half-close): the peer reads end of stream, and this stream can
   * still read what the peer sends. Synchronous and cheap.
   *
   * @throws IOException naming the peer if the shutdown fails, or "... is closed"
   */
  public void shutdownOutput() throws IOException {
    connection.shutdownOutput();
  }

  /**
   * Sets {@code TCP_NODELAY}: when on, small writes are sent at once instead of being coalesced
   * (Nagle's algorithm off).
   *
   * @param on whether to disable Nagle's algorithm
   * @throws IOException if the option cannot be set, or "... is closed"
   */
  public void setNoDelay(boolean on) throws IOException {
    connection.setNoDelay(on);
  }

  /**
   * Makes {@link #close()} abort the connection: the peer gets a reset (RST) instead of an orderly
   * end of stream, and unsent data is discarded ({@code SO_LINGER} 0, as Tokio's {@code
   * set_zero_linger}). A positive linger is not offered: it would block the closing thread.
   *
   * @throws IOException if the option cannot be set, or "... is closed"
   */
  public void setZeroLinger() throws IOException {
    connection.setZeroLinger();
  }

  /**
   * The local address of the connection.
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return connection.localAddress();
  }

  /**
   * The address of the peer.
   *
   * @return the peer address
   */
  public InetSocketAddress peerAddress() {
    return connection.peerAddress();
  }

  /**
   * Closes the stream: tasks waiting on it wake up and fail with "... is closed"; the peer reads
   * end of stream (or a reset after {@link #setZeroLinger()}) and the descriptor is released by the
   * time this returns; if another thread is blocked in the reactor, it is woken to release the
   * socket and this waits for it. Idempotent, any thread.
   */
  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return connection.toString();
  }
}
