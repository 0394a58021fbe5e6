package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Network;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;

/** A simulated TCP listener: a backlog of established connections; loop thread only. */
final class SimListener implements Network.Listener {
  private final SimNetwork network;
  private final SimHost host;
  private final InetSocketAddress localAddress;
  private final ArrayDeque<SimConnection> backlog = new ArrayDeque<>();
  private Waker acceptor;
  private boolean closed;

  SimListener(SimNetwork network, SimHost host, InetSocketAddress localAddress) {
    this.network = network;
    this.host = host;
    this.localAddress = localAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  boolean isClosed() {
    return closed;
  }

  /** A connection whose handshake reached this listener. */
  void enqueue(SimConnection connection) {
    backlog.add(connection);
    wakeAcceptor();
  }

  @Override
  public Future<Network.Connection> accept() {
    return new Future<>() {
      @Override
      public Poll<Network.Connection> poll(dev.gearbox.future.Context cx) throws SocketException {
        network.checkThread("accept");
        if (closed) {
          throw new SocketException(SimListener.this + " is closed");
        }
        if (!backlog.isEmpty()) {
          return cx.proceedOrYield() ? Poll.ready(backlog.poll()) : Poll.pending();
        }
        acceptor = cx.waker();
        return Poll.pending();
      }

      @Override
      public void drop() {
        acceptor = null;
      }
    };
  }

  @Override
  public void close() {
    network
        .scheduler()
        .execute(
            () -> {
              if (closed) {
                return;
              }
              closed = true;
              host.listeners.remove(localAddress.getPort(), this);
              SimConnection pending;
              while ((pending = backlog.poll()) != null) {
                pending.close();
              }
              wakeAcceptor();
            });
  }

  private void wakeAcceptor() {
    Waker waiting = acceptor;
    acceptor = null;
    if (waiting != null) {
      waiting.wake();
    }
  }

  @Override
  public String toString() {
    return "TCP listener "
        + localAddress.getAddress().getHostAddress()
        + ":"
        + localAddress.getPort();
  }
}
