package dev.gearbox.shootout.workloads;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fiber bodies of fiber_tcp_echo, shared by the shoot-out and the JMH benchmark: the accept
 * loop, the per-connection echo and the client, each straight-line code over {@link Fiber#await}
 * (the same work as {@link EchoTasks}, which writes it with combinators).
 */
public final class FiberEcho {
  /** The echo's buffer, as {@code TcpStream.copy}'s. */
  private static final int ECHO_BUFFER = 8 * 1024;

  private FiberEcho() {}

  /**
   * Accepts connections until the listener closes (or the fiber is aborted), spawning one {@link
   * #echo} fiber for each. Run it as a fiber.
   *
   * @param listener a bound listener
   * @return null, once the listener is closed
   */
  public static Void acceptLoop(TcpListener listener) {
    while (true) {
      TcpStream stream;
      try {
        stream = Fiber.await(listener.accept());
      } catch (RuntimeException closed) {
        return null; // the listener was closed, or this fiber aborted: the server's end
      }
      Fiber.spawn(() -> echo(stream));
    }
  }

  /**
   * Writes back what it reads until end of stream, then closes the stream. Run it as a fiber.
   *
   * @param stream an accepted connection
   * @return the bytes echoed
   * @throws UncheckedIOException if the socket option cannot be set
   */
  public static long echo(TcpStream stream) {
    try (stream) {
      noDelay(stream);
      ByteBuffer buffer = ByteBuffer.allocate(ECHO_BUFFER);
      long echoed = 0;
      while (true) {
        buffer.clear();
        int read = Fiber.await(stream.read(buffer));
        if (read < 0) {
          return echoed;
        }
        buffer.flip();
        Fiber.await(stream.writeAll(buffer));
        echoed += read;
      }
    }
  }

  /**
   * A client: connects, sends {@code messages} messages of 64 bytes, each after the echo of the
   * previous one, then closes. Run it as a fiber.
   *
   * @param server the echo server's address
   * @param messages how many round trips
   * @return the bytes echoed back
   * @throws UncheckedIOException if the socket option cannot be set
   */
  public static long client(InetSocketAddress server, int messages) {
    ByteBuffer request = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    Arrays.fill(request.array(), (byte) 'g');
    ByteBuffer reply = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    try (TcpStream stream = Fiber.await(TcpStream.connect(server))) {
      noDelay(stream);
      for (int sent = 0; sent < messages; sent++) {
        request.clear();
        reply.clear();
        Fiber.await(stream.writeAll(request));
        Fiber.await(stream.readExact(reply));
      }
    }
    return (long) messages * TcpEcho.MESSAGE_SIZE;
  }

  private static void noDelay(TcpStream stream) {
    try {
      stream.setNoDelay(true);
    } catch (IOException e) {
      throw new UncheckedIOException("TCP_NODELAY on " + stream, e);
    }
  }
}
