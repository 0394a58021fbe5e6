package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening socket of the host, behind {@link TcpListener}. */
final class HostListener implements Network.Listener {
  private final ServerSocketChannel channel;
  private final InetSocketAddress localAddress;
  private final RegisteredChannel io;

  HostListener(ServerSocketChannel channel, InetSocketAddress localAddress) {
    this.channel = channel;
    this.localAddress = localAddress;
    this.io = new RegisteredChannel(channel, "TCP listener " + SocketErrors.format(localAddress));
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public Future<Network.Connection> accept() {
    return new IoFuture<>(io, Interest.READABLE, "accept on", localAddress, this::tryAccept);
  }

  private Poll<Network.Connection> tryAccept() throws IOException {
    SocketChannel accepted = channel.accept();
    if (accepted == null) {
      return Poll.pending();
    }
    try {
      return Poll.ready(HostConnection.accepted(accepted));
    } catch (IOException e) {
      RegisteredChannel.closeQuietly(accepted);
      throw e;
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
