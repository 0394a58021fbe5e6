package dev.gearbox.shootout.workloads;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The Gearbox tasks of tcp_echo, shared by the shoot-out and the JMH benchmark: the accept loop,
 * the per-connection echo, and the client.
 */
public final class EchoTasks {
  private EchoTasks() {}

  /**
   * Accepts connections until the listener closes, spawning one {@link #echo} task for each.
   *
   * @param listener a bound listener
   * @return the accept loop, to spawn on the runtime
   */
  public static Future<Void> acceptLoop(TcpListener listener) {
    return Futures.loop(
        null,
        (Void ignored) ->
            listener
                .accept()
                .map(
                    stream -> {
                      Task.spawn(echo(stream));
                      return Step.<Void, Void>next(null);
                    }));
  }

  /**
   * Writes back what it reads until end of stream, then closes the stream.
   *
   * @param stream an accepted connection
   * @return the echo loop, to spawn on the runtime
   */
  public static Future<Long> echo(TcpStream stream) {
    try {
      stream.setNoDelay(true);
    } catch (IOException e) {
      stream.close();
      return Futures.failed(e);
    }
    return TcpStream.copy(stream, stream).inspect(copied -> stream.close());
  }

  /**
   * A client: connects, sends {@code messages} messages of 64 bytes, each after the echo of the
   * previous one, then closes.
   *
   * @param server the echo server's address
   * @param messages how many round trips
   * @return the bytes echoed back, to spawn on the runtime
   */
  public static Future<Long> client(InetSocketAddress server, int messages) {
    return TcpStream.connect(server).flatMap(stream -> roundTrips(stream, messages));
  }

  private static Future<Long> roundTrips(TcpStream stream, int messages) {
    ByteBuffer request = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    Arrays.fill(request.array(), (byte) 'g');
    ByteBuffer reply = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    try {
      stream.setNoDelay(true);
    } catch (IOException e) {
      stream.close();
      return Futures.failed(e);
    }
    return Futures.loop(
            0,
            (Integer sent) -> {
              if (sent == messages) {
                return Futures.ready(Step.<Integer, Long>done((long) sent * TcpEcho.MESSAGE_SIZE));
              }
              request.clear();
              reply.clear();
              return stream
                  .writeAll(request)
                  .andThen(stream.readExact(reply))
                  .map(ignored -> Step.<Integer, Long>next(sent + 1));
            })
        .inspect(ignored -> stream.close());
  }
}
