package dev.gearbox.testkit.sim;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Network;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** A simulated UDP socket: a queue of received datagrams; loop thread only. */
final class SimDatagram implements Network.Datagram {
  private final SimNetwork network;
  private final SimHost host;
  private final InetSocketAddress localAddress;
  private final ArrayDeque<Received> queue = new ArrayDeque<>();
  private Waker receiver;
  private boolean closed;

  private record Received(InetSocketAddress sender, ByteBuffer data) {}

  SimDatagram(SimNetwork network, SimHost host, InetSocketAddress localAddress) {
    this.network = network;
    this.host = host;
    this.localAddress = localAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public Future<Integer> send(ByteBuffer src, SocketAddress target) {
    return cx -> {
      network.checkThread("send");
      checkOpen();
      if (!(target instanceof InetSocketAddress to) || to.getAddress() == null) {
        throw new SocketException("send to " + target + ": not a resolved IP socket address");
      }
      if (!cx.proceedOrYield()) {
        return Poll.pending();
      }
      ByteBuffer copy = ByteBuffer.allocate(src.remaining());
      copy.put(src).flip();
      SimHost destination = network.resolve(to.getAddress(), host);
      if (destination != null) { // else lost, as UDP to nowhere is
        int port = to.getPort();
        network.sendDatagram(
            host,
            destination,
            () -> {
              SimDatagram socket = destination.datagrams.get(port);
              if (socket != null) {
                socket.deliver(localAddress, copy);
              }
            });
      }
      return Poll.ready(copy.remaining());
    };
  }

  private void deliver(InetSocketAddress sender, ByteBuffer data) {
    if (closed) {
      return;
    }
    queue.add(new Received(sender, data));
    Waker waiting = receiver;
    receiver = null;
    if (waiting != null) {
      waiting.wake();
    }
  }

  @Override
  public Future<SocketAddress> receive(ByteBuffer dst, SocketAddress from) {
    return new Future<>() {
      @Override
      public Poll<SocketAddress> poll(Context cx) throws SocketException {
        network.checkThread("receive");
        checkOpen();
        if (!queue.isEmpty() && !cx.proceedOrYield()) {
          return Poll.pending();
        }
        Received next;
        while ((next = queue.poll()) != null) {
          if (from == null || from.equals(next.sender())) {
            ByteBuffer data = next.data();
            dst.put(data.slice(data.position(), Math.min(dst.remaining(), data.remaining())));
            return Poll.ready(next.sender());
          }
        }
        receiver = cx.waker();
        return Poll.pending();
      }

      @Override
      public void drop() {
        receiver = null;
      }
    };
  }

  @Override
  public void close() {
    network
        .scheduler()
        .execute(
            () -> {
              if (!closed) {
                closed = true;
                host.datagrams.remove(localAddress.getPort(), this);
                Waker waiting = receiver;
                receiver = null;
                if (waiting != null) {
                  waiting.wake();
                }
              }
            });
  }

  private void checkOpen() throws SocketException {
    if (closed) {
      throw new SocketException("UDP socket " + SimConnection.format(localAddress) + " is closed");
    }
  }
}
