package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Network;
import dev.gearbox.io.driver.Registration;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket of the host, behind {@link TcpStream}: each operation is an {@link
 * IoFuture} over the non-blocking channel. {@link #readExact} and {@link #writeAll} loop inside one
 * readiness future, where another network's connection needs a {@link VirtualTransfer}.
 */
final class HostConnection implements Network.Connection {
  private final SocketChannel channel;
  private final InetSocketAddress localAddress;
  private final InetSocketAddress peerAddress;
  private final RegisteredChannel io;

  private HostConnection(SocketChannel channel, Registration registration) throws IOException {
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
  }

  /** A connection accepted by a listener, not yet registered with a reactor. */
  static HostConnection accepted(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    return new HostConnection(channel, null);
  }

  /** A connection its connect future made, already registered. */
  static HostConnection connected(SocketChannel channel, Registration registration)
      throws IOException {
    return new HostConnection(channel, registration);
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public InetSocketAddress peerAddress() {
    return peerAddress;
  }

  @Override
  public Future<Integer> read(ByteBuffer dst) {
    return new IoFuture<>(
        io,
        Interest.READABLE,
        "read from",
        peerAddress,
        () -> {
          int room = dst.remaining();
          if (room == 0) {
            return Poll.ready(0);
          }
          int read = channel.read(dst);
          if (read == 0) {
            return Poll.pending();
          }
          if (read > 0 && read < room) {
            io.markDrained(); // the next read waits for readiness instead of reading nothing
          }
          return Poll.ready(read);
        });
  }

  @Override
  public Future<Integer> write(ByteBuffer src) {
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

  /** {@link TcpStream#readExact}, in one readiness future. */
  Future<Void> readExact(ByteBuffer dst) {
    int wanted = dst.remaining();
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

  /** {@link TcpStream#writeAll}, in one readiness future. */
  Future<Void> writeAll(ByteBuffer src) {
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

  @Override
  public void shutdownOutput() throws IOException {
    io.checkOpen();
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      throw io.failure(e, "shut down output to", peerAddress);
    }
  }

  @Override
  public void setNoDelay(boolean on) throws IOException {
    setOption(StandardSocketOptions.TCP_NODELAY, on);
  }

  @Override
  public void setZeroLinger() throws IOException {
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

  @Override
  public void close() {
    io.close();
  }

  @Override
  public String toString() {
    return io.toString();
  }
}
