package dev.gearbox.testkit.sim;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One end of a simulated TCP connection: bytes the peer sent wait in {@code inbound}; writes are
 * copied and delivered to the peer by the network after the link's latency. Loop thread only.
 */
final class SimConnection implements Network.Connection {
  private final SimNetwork network;
  private final SimHost host;
  private final InetSocketAddress localAddress;
  private final InetSocketAddress peerAddress;
  private SimConnection peer;
  private final ArrayDeque<ByteBuffer> inbound = new ArrayDeque<>();
  private Waker reader;
  private boolean endOfStream; // the peer shut down its output or closed, and that arrived
  private boolean peerClosed; // the peer's close arrived: writes fail
  private boolean reset; // the peer reset the connection
  private boolean outputShut;
  private boolean closed;
  private boolean zeroLinger;

  SimConnection(
      SimNetwork network,
      SimHost host,
      InetSocketAddress localAddress,
      InetSocketAddress peerAddress) {
    this.network = network;
    this.host = host;
    this.localAddress = localAddress;
    this.peerAddress = peerAddress;
  }

  void connectTo(SimConnection other) {
    this.peer = other;
  }

  SimHost host() {
    return host;
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
    return new Future<>() {
      @Override
      public Poll<Integer> poll(Context cx) throws IOException {
        network.checkThread("read");
        checkOpen();
        if (!dst.hasRemaining()) {
          return Poll.ready(0);
        }
        if (!inbound.isEmpty()) {
          if (!cx.proceedOrYield()) {
            return Poll.pending();
          }
          return Poll.ready(drainInto(dst));
        }
        if (reset) {
          throw new SocketException(
              "read from " + format(peerAddress) + ": connection reset by peer");
        }
        if (endOfStream) {
          return cx.proceedOrYield() ? Poll.ready(-1) : Poll.pending();
        }
        reader = cx.waker();
        return Poll.pending();
      }

      @Override
      public void drop() {
        reader = null;
      }
    };
  }

  private int drainInto(ByteBuffer dst) {
    int copied = 0;
    while (dst.hasRemaining() && !inbound.isEmpty()) {
      ByteBuffer chunk = inbound.peek();
      int n = Math.min(dst.remaining(), chunk.remaining());
      ByteBuffer slice = chunk.slice(chunk.position(), n);
      dst.put(slice);
      chunk.position(chunk.position() + n);
      copied += n;
      if (!chunk.hasRemaining()) {
        inbound.poll();
      }
    }
    return copied;
  }

  @Override
  public Future<Integer> write(ByteBuffer src) {
    return cx -> {
      network.checkThread("write");
      checkOpen();
      if (outputShut) {
        throw new SocketException("write to " + format(peerAddress) + ": output shut down");
      }
      if (reset || peerClosed) {
        throw new IOException(
            "write to " + format(peerAddress) + ": broken pipe (the peer closed the connection)");
      }
      if (!src.hasRemaining()) {
        return Poll.ready(0);
      }
      if (!cx.proceedOrYield()) {
        return Poll.pending();
      }
      ByteBuffer copy = ByteBuffer.allocate(src.remaining());
      copy.put(src).flip();
      SimConnection target = peer;
      network.transmit(host, target.host, () -> target.deliver(copy));
      return Poll.ready(copy.remaining());
    };
  }

  private void deliver(ByteBuffer bytes) {
    if (!closed) {
      inbound.add(bytes);
      wakeReader();
    }
  }

  private void deliverEndOfStream(boolean closing, boolean resetting) {
    endOfStream = true;
    peerClosed |= closing;
    reset |= resetting;
    wakeReader();
  }

  @Override
  public void shutdownOutput() throws IOException {
    network.checkThread("shutdownOutput");
    checkOpen();
    if (!outputShut) {
      outputShut = true;
      SimConnection target = peer;
      network.transmit(host, target.host, () -> target.deliverEndOfStream(false, false));
    }
  }

  @Override
  public void setZeroLinger() throws IOException {
    network.checkThread("setZeroLinger");
    checkOpen();
    zeroLinger = true;
  }

  @Override
  public void close() {
    network.scheduler().execute(this::closeOnLoop);
  }

  private void closeOnLoop() {
    if (closed) {
      return;
    }
    closed = true;
    inbound.clear();
    wakeReader();
    SimConnection target = peer;
    if (target != null) {
      boolean resetting = zeroLinger;
      network.transmit(host, target.host, () -> target.deliverEndOfStream(true, resetting));
    }
  }

  private void checkOpen() throws SocketException {
    if (closed) {
      throw new SocketException(this + " is closed");
    }
  }

  private void wakeReader() {
    Waker waiting = reader;
    reader = null;
    if (waiting != null) {
      waiting.wake();
    }
  }

  static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  @Override
  public String toString() {
    return "TCP stream " + format(localAddress) + " -> " + format(peerAddress);
  }
}
