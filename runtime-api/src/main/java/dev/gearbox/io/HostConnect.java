package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Network;
import dev.gearbox.io.driver.Reactor;
import dev.gearbox.io.driver.Registration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A connect on the host's sockets ({@link HostNetwork#connectTcp}): opens the socket on its first
 * poll, starts a non-blocking connect, and waits for connect readiness with the reactor of the
 * polling runtime. Dropped before it completes, it closes the socket.
 */
final class HostConnect implements Future<Network.Connection> {
  private final InetSocketAddress address;
  private SocketChannel channel;
  private Registration registration;
  private Waker waiting;
  private boolean done;

  HostConnect(InetSocketAddress address) {
    this.address = address;
  }

  @Override
  public Poll<Network.Connection> poll(Context cx) throws Exception {
    try {
      if (channel == null) {
        Reactor reactor = Reactor.of(cx); // first: without a reactor, nothing is opened
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (channel.connect(address)) {
          return connected();
        }
        registration = reactor.register(channel);
      }
      while (true) {
        if (channel.finishConnect()) {
          return connected();
        }
        registration.clearReadiness(Interest.WRITABLE);
        if (!registration.pollWritable(cx)) {
          waiting = cx.waker();
          cx.waitingIn("TcpStream.connect");
          return Poll.pending();
        }
      }
    } catch (IOException e) {
      release();
      throw SocketErrors.connectFailed(address, e);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  private Poll<Network.Connection> connected() throws IOException {
    HostConnection connection = HostConnection.connected(channel, registration);
    done = true;
    return Poll.ready(connection);
  }

  @Override
  public void drop() {
    if (registration != null) {
      registration.releaseWaker(Interest.WRITABLE, waiting);
    }
    release();
  }

  /** Closes the half-made socket, unless it was handed to a stream. */
  private void release() {
    if (done) {
      return;
    }
    done = true;
    if (registration != null) {
      registration.close();
    } else if (channel != null) {
      RegisteredChannel.closeQuietly(channel);
    }
  }
}
