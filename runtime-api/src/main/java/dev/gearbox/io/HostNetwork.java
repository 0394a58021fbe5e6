package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * The host's real sockets as a {@link Network}: non-blocking NIO channels, each registered with the
 * reactor of the runtime that first polls one of its futures. The public sockets use it whenever
 * {@link Network#current()} is null, so they hold one {@link Network} object of either kind and
 * never branch on which.
 */
final class HostNetwork implements Network {
  /** The accept backlog, as Tokio's default: bursts of connections are not refused. */
  private static final int BACKLOG = 1024;

  private static final HostNetwork INSTANCE = new HostNetwork();

  private HostNetwork() {}

  /**
   * The network for a socket made now: the current runtime's own, or the host's.
   *
   * @return never null
   */
  static Network current() {
    Network network = Network.current();
    return network != null ? network : INSTANCE;
  }

  @Override
  public Listener bindTcp(InetSocketAddress address) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.configureBlocking(false);
      channel.bind(address, BACKLOG);
      return new HostListener(channel, (InetSocketAddress) channel.getLocalAddress());
    } catch (IOException e) {
      RegisteredChannel.closeQuietly(channel);
      throw SocketErrors.bindFailed(address, e);
    }
  }

  @Override
  public Future<Connection> connectTcp(InetSocketAddress address) {
    return new HostConnect(address);
  }

  @Override
  public Datagram bindUdp(InetSocketAddress address) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.configureBlocking(false);
      channel.bind(address);
      return new HostDatagram(channel, (InetSocketAddress) channel.getLocalAddress());
    } catch (IOException e) {
      RegisteredChannel.closeQuietly(channel);
      throw SocketErrors.bindFailed(address, e);
    }
  }
}
