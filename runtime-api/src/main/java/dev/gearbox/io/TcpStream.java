package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.spi.Network;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
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
  private final SocketChannel channel;
  private final InetSocketAddress localAddress;
  private final InetSocketAddress peerAddress;
  private final RegisteredChannel io;

  /**
   * The connection of a {@link Network} other than real sockets, or null; then channel and io are.
   */
  private final Network.Connection virtual;

  private TcpStream(Network.Connection virtual) {
    this.channel = null;
    this.localAddress = virtual.localAddress();
    this.peerAddress = virtual.peerAddress();
    this.io = null;
    this.virtual = virtual;
  }

  /** A stream over a connection of a {@link Network} other than real sockets. */
  static TcpStream virtual(Network.Connection connection) {
    return new TcpStream(connection);
  }

  private TcpStream(SocketChannel channel, Registration registration) throws IOException {
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    this.peerAddress = (InetSocketAddress) channel.getRemoteAddress();
    String description =
        "TCP stream "
            + SocketErrors.format(localAddress)
            + " -> "
            + SocketErrors.format(peerAddress);
    this.io =
        registration == null
            ? new RegisteredChannel(channel, description)
            : new RegisteredChannel(registration, description);
    this.virtual = null;
  }

  /** A stream of an accepted connection, not yet registered with a reactor. */
  static TcpStream accepted(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    return new TcpStream(channel, null);
  }

  /** A stream of a connection its connect future made; {@code registration} may be null. */
  static TcpStream connected(SocketChannel channel, Registration registration) throws IOException {
    return new TcpStream(channel, registration);
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
    return new ConnectFuture(address);
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
    if (virtual != null) {
      return virtual.read(dst);
    }
    return new IoFuture<>(
        io,
        Interest.READABLE,
        "read from",
        peerAddress,
        () -> {
          if (!dst.hasRemaining()) {
            return Poll.ready(0);
          }
          int read = channel.read(dst);
          return read == 0 ? Poll.pending() : Poll.ready(read);
        });
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
    if (virtual != null) {
      return virtual.write(src);
    }
    return new IoFuture<>(
        io,
        Interest.WRITABLE,
        "write to",
        peerAddress,
        () -> {
          if (!src.hasRemaining()) {
            return Poll.ready(0);
          }
          int written = channel.write(src);
          return written == 0 ? Poll.pending() : Poll.ready(written);
        });
  }

  /**
   * A future that fills {@code dst} completely.
   *
   * @param dst the buffer to fill, from its position to its limit
   * @return a future that completes when {@code dst} is full, and fails with an {@link
   *     EOFException} naming the peer if the stream ends first
   * @throws NullPointerException if {@code dst} is null
   */
  public Future<Void> readExact(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    int wanted = dst.remaining();
    if (virtual != null) {
      return new VirtualTransfer(virtual, dst, true, peerAddress);
    }
    return new IoFuture<>(
        io,
        Interest.READABLE,
        "read from",
        peerAddress,
        () -> {
          while (dst.hasRemaining()) {
            int read = channel.read(dst);
            if (read < 0) {
              throw new EOFException(
                  String.format(
                      "read exact from %s: stream ended after %d of %d bytes",
                      SocketErrors.format(peerAddress), wanted - dst.remaining(), wanted));
            }
            if (read == 0) {
              return Poll.pending();
            }
          }
          return Poll.ready();
        });
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
    if (virtual != null) {
      return new VirtualTransfer(virtual, src, false, peerAddress);
    }
    return new IoFuture<>(
        io,
        Interest.WRITABLE,
        "write to",
        peerAddress,
        () -> {
          while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
              return Poll.pending();
            }
          }
          return Poll.ready();
        });
  }

  /**
   * Shuts down the sending side (TCP half-close): the peer reads end of stream, and this stream can
   * still read what the peer sends. Synchronous and cheap.
   *
   * @throws IOException naming the peer if the shutdown fails, or "... is closed"
   */
  public void shutdownOutput() throws IOException {
    if (virtual != null) {
      virtual.shutdownOutput();
      return;
    }
    io.checkOpen();
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      throw io.failure(e, "shut down output to", peerAddress);
    }
  }

  /**
   * Sets {@code TCP_NODELAY}: when on, small writes are sent at once instead of being coalesced
   * (Nagle's algorithm off).
   *
   * @param on whether to disable Nagle's algorithm
   * @throws IOException if the option cannot be set, or "... is closed"
   */
  public void setNoDelay(boolean on) throws IOException {
    if (virtual != null) {
      return; // a simulated network does not coalesce writes
    }
    setOption(StandardSocketOptions.TCP_NODELAY, on);
  }

  /**
   * Makes {@link #close()} abort the connection: the peer gets a reset (RST) instead of an orderly
   * end of stream, and unsent data is discarded ({@code SO_LINGER} 0, as Tokio's {@code
   * set_zero_linger}). A positive linger is not offered: it would block the closing thread.
   *
   * @throws IOException if the option cannot be set, or "... is closed"
   */
  public void setZeroLinger() throws IOException {
    if (virtual != null) {
      virtual.setZeroLinger();
      return;
    }
    setOption(StandardSocketOptions.SO_LINGER, 0);
  }

  private <V> void setOption(SocketOption<V> option, V value) throws IOException {
    io.checkOpen();
    try {
      channel.setOption(option, value);
    } catch (IOException e) {
      throw io.failure(e, "set " + option.name() + " on connection to", peerAddress);
    }
  }

  /**
   * The local address of the connection.
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * The address of the peer.
   *
   * @return the peer address
   */
  public InetSocketAddress peerAddress() {
    return peerAddress;
  }

  /**
   * Closes the stream: tasks waiting on it wake up and fail with "... is closed"; the peer reads
   * end of stream (or a reset after {@link #setZeroLinger()}) and the descriptor is released by the
   * time this returns; if another thread is blocked in the reactor, it is woken to release the
   * socket and this waits for it. Idempotent, any thread.
   */
  @Override
  public void close() {
    if (virtual != null) {
      virtual.close();
      return;
    }
    io.close();
  }

  @Override
  public String toString() {
    if (virtual != null) {
      return "TCP stream "
          + SocketErrors.format(localAddress)
          + " -> "
          + SocketErrors.format(peerAddress);
    }
    return io.toString();
  }
}
