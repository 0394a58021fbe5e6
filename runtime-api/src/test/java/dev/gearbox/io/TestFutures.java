package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Small future helpers for the I/O tests, in place of the combinators of the futures package. */
final class TestFutures {
  private TestFutures() {}

  /** A future that is ready with {@code value} at once. */
  static <T> Future<T> ready(T value) {
    return cx -> Poll.ready(value);
  }

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

  /** {@code future}, completing {@code pendingSeen} the first time it returns Pending. */
  static <T> Future<T> signalPending(Future<T> future, CompletableFuture<Void> pendingSeen) {
    return new Future<>() {
      @Override
      public Poll<T> poll(Context cx) throws Exception {
        Poll<T> poll = future.poll(cx);
        if (poll.isPending()) {
          pendingSeen.complete(null);
        }
        return poll;
      }

      @Override
      public void drop() {
        future.drop();
      }
    };
  }

  /** Accepts connections forever, spawning an echo task for each. */
  static Future<Void> echoServer(TcpListener listener, TestExecutor executor) {
    return repeatWhile(
        () ->
            listener
                .accept()
                .map(
                    stream -> {
                      executor.spawn(echo(stream));
                      return true;
                    }));
  }

  /** Writes back what it reads until end of stream, then closes the stream. */
  static Future<Long> echo(TcpStream stream) {
    return TcpStream.copy(stream, stream).inspect(copied -> stream.close());
  }

  /** Sends "client i round r" and expects it back, {@code rounds} times, then closes. */
  static Future<Integer> echoRounds(TcpStream stream, int id, int rounds) {
    int[] done = {0};
    return TestFutures.repeatWhile(
            () -> {
              String message = "client " + id + " round " + done[0];
              ByteBuffer reply = ByteBuffer.allocate(message.length());
              return stream
                  .writeAll(utf8(message))
                  .andThen(stream.readExact(reply))
                  .map(
                      ignored -> {
                        if (!utf8(reply).equals(message)) {
                          throw new AssertionError("expected " + message + ", got " + reply);
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

  static String utf8(ByteBuffer buffer) {
    buffer.flip();
    return StandardCharsets.UTF_8.decode(buffer).toString();
  }
}
