package dev.gearbox.io;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP socket of the host, behind {@link UdpSocket}. Once {@link #connect connected}, the channel
 * itself filters what arrives, and a send to the peer is a {@code write} (which reports the peer's
 * "port unreachable").
 */
final class HostDatagram implements Network.Datagram {
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final RegisteredChannel io;
  private volatile SocketAddress peer;

  HostDatagram(DatagramChannel channel, InetSocketAddress localAddress) {
    this.channel = channel;
    this.localAddress = localAddress;
    this.io = new RegisteredChannel(channel, "UDP socket " + SocketErrors.format(localAddress));
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public void connect(SocketAddress target) throws IOException {
    io.checkOpen();
    try {
      channel.connect(target);
    } catch (IOException e) {
      throw SocketErrors.connectFailed(target, e);
    }
    peer = target;
  }

  @Override
  public Future<Integer> send(ByteBuffer src, SocketAddress target) {
    boolean toPeer = target.equals(peer);
    return new IoFuture<>(
        io,
        Interest.WRITABLE,
        "send to",
        target,
        () -> {
          int remaining = src.remaining();
          int sent = toPeer ? channel.write(src) : channel.send(src, target);
          return sent == 0 && remaining > 0 ? Poll.pending() : Poll.ready(sent);
        });
  }

  @Override
  public Future<SocketAddress> receive(ByteBuffer dst, SocketAddress from) {
    return new IoFuture<>(
        io,
        Interest.READABLE,
        from == null ? "receive on" : "receive from",
        from == null ? localAddress : from,
        () -> {
          SocketAddress sender = channel.receive(dst);
          return sender == null ? Poll.pending() : Poll.ready(sender);
        });
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
