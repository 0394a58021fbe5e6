package dev.gearbox.testkit.sim;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Network;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;

/**
 * A simulated TCP connect: on its first poll it sends a SYN to the target host; the handshake
 * reaches the listener after the link's latency and the answer comes back after the latency the
 * other way: the connection, or a refusal when nothing listens on the port. Loop thread only.
 */
final class SimConnect implements Future<Network.Connection> {
  private final SimNetwork network;
  private final InetSocketAddress address;
  private SimConnection client;
  private Waker waiting;
  private boolean started;
  private boolean established;
  private boolean refused;
  private boolean dropped;

  SimConnect(SimNetwork network, InetSocketAddress address) {
    this.network = network;
    this.address = address;
  }

  @Override
  public Poll<Network.Connection> poll(Context cx) throws Exception {
    network.checkThread("connect");
    if (!started) {
      started = true;
      start();
    }
    if (established) {
      return Poll.ready(client);
    }
    if (refused) {
      throw new ConnectException("connect to " + SimConnection.format(address) + " refused");
    }
    waiting = cx.waker();
    return Poll.pending();
  }

  private void start() throws NoRouteToHostException {
    SimHost from = network.currentHost();
    SimHost to = network.resolve(address.getAddress(), from);
    if (to == null) {
      throw new NoRouteToHostException(
          "connect to "
              + SimConnection.format(address)
              + ": no route to host (no simulated host has this address)");
    }
    InetSocketAddress local = new InetSocketAddress(from.address(), from.ephemeralPort());
    InetSocketAddress remote = new InetSocketAddress(to.address(), address.getPort());
    client = new SimConnection(network, from, local, remote);
    network.transmit(from, to, () -> arrive(from, to, remote));
  }

  /** The SYN reached the target host: answer with the connection, or a refusal. */
  private void arrive(SimHost from, SimHost to, InetSocketAddress remote) {
    SimListener listener = to.listeners.get(remote.getPort());
    if (listener == null || listener.isClosed()) {
      network.transmit(to, from, () -> answer(false));
      return;
    }
    SimConnection server = new SimConnection(network, to, remote, client.localAddress());
    server.connectTo(client);
    client.connectTo(server);
    listener.enqueue(server);
    network.transmit(to, from, () -> answer(true));
  }

  private void answer(boolean accepted) {
    if (dropped) {
      if (accepted) {
        client.close(); // nobody wants it: the server reads end of stream
      }
      return;
    }
    established = accepted;
    refused = !accepted;
    Waker waker = waiting;
    waiting = null;
    if (waker != null) {
      waker.wake();
    }
  }

  @Override
  public void drop() {
    dropped = true;
    waiting = null;
    if (established) {
      client.close();
    }
  }
}
