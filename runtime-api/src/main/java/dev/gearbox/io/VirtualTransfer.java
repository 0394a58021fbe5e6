package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.driver.Network;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * {@link TcpStream#readExact} and {@link TcpStream#writeAll} over a {@link Network.Connection}: one
 * read or write future at a time until the buffer is done, with the same end-of-stream message as
 * the real sockets.
 */
final class VirtualTransfer implements Future<Void> {
  private final Network.Connection connection;
  private final ByteBuffer buffer;
  private final boolean reading;
  private final InetSocketAddress peer;
  private final int wanted;
  private Future<Integer> current;

  VirtualTransfer(
      Network.Connection connection, ByteBuffer buffer, boolean reading, InetSocketAddress peer) {
    this.connection = connection;
    this.buffer = buffer;
    this.reading = reading;
    this.peer = peer;
    this.wanted = buffer.remaining();
  }

  @Override
  public Poll<Void> poll(Context cx) throws Exception {
    while (buffer.hasRemaining()) {
      if (current == null) {
        current = reading ? connection.read(buffer) : connection.write(buffer);
      }
      if (!(current.poll(cx) instanceof Poll.Ready<Integer>(Integer transferred))) {
        return Poll.pending();
      }
      current = null;
      if (transferred < 0) {
        throw new EOFException(
            String.format(
                "read exact from %s: stream ended after %d of %d bytes",
                SocketErrors.format(peer), wanted - buffer.remaining(), wanted));
      }
    }
    return Poll.ready();
  }

  @Override
  public void drop() {
    if (current != null) {
      current.drop();
      current = null;
    }
  }
}
