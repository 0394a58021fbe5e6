package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Socket futures for the conformance tests of I/O: an echo server, echo clients, readers. */
final class IoFutures {
  private IoFutures() {}

  /** Runs the futures {@code body} makes, one after the other, until one yields false. */
  static Future<Void> repeatWhile(Supplier<Future<Boolean>> body) {
    return new Future<>() {
      private Future<Boolean> current;

      @Override
      public Poll<Void> poll(Context cx) throws Exception {
        while (true) {
          if (current == null) {
            current = body.get();
          }
          Poll<Boolean> poll = current.poll(cx);
          if (poll.isPending()) {
            return Poll.pending();
          }
          current = null;
          if (!poll.value()) {
            return Poll.ready();
          }
        }
      }

      @Override
      public void drop() {
        if (current != null) {
          current.drop();
        }
      }
    };
  }

  /** Accepts connections until the listener fails (closed), spawning an echo task for each. */
  static Future<Void> echoServer(TcpListener listener) {
    return repeatWhile(
        () ->
            listener
                .accept()
                .map(
                    stream -> {
                      Task.spawn(echo(stream));
                      return true;
                    }));
  }

  /** Writes back what it reads until end of stream, then closes the stream. */
  static Future<Long> echo(TcpStream stream) {
    return TcpStream.copy(stream, stream).inspect(copied -> stream.close());
  }

  /**
   * Sends "client {@code id} round r" and expects it back, {@code rounds} times, then closes the
   * stream; completes with the number of rounds.
   */
  static Future<Integer> echoRounds(TcpStream stream, int id, int rounds) {
    int[] done = {0};
    return repeatWhile(
            () -> {
              String message = "client " + id + " round " + done[0];
              ByteBuffer reply = ByteBuffer.allocate(message.length());
              return stream
                  .writeAll(utf8(message))
                  .andThen(stream.readExact(reply))
                  .map(
                      ignored -> {
                        String echoed = utf8(reply);
                        if (!echoed.equals(message)) {
                          throw new AssertionError("expected " + message + ", got " + echoed);
                        }
                        return ++done[0] < rounds;
                      });
            })
        .map(
            ignored -> {
              stream.close();
              return done[0];
            });
  }

  /** Reads until end of stream, as text. */
  static Future<String> readToEnd(TcpStream stream) {
    StringBuilder text = new StringBuilder();
    ByteBuffer buffer = ByteBuffer.allocate(256);
    return repeatWhile(
            () -> {
              buffer.clear();
              return stream
                  .read(buffer)
                  .map(
                      read -> {
                        if (read > 0) {
                          text.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
                        }
                        return read >= 0;
                      });
            })
        .map(done -> text.toString());
  }

  static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes between 0 and the buffer's position, as text. */
  static String utf8(ByteBuffer buffer) {
    buffer.flip();
    return StandardCharsets.UTF_8.decode(buffer).toString();
  }
}
