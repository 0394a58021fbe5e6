package dev.gearbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TcpStream#copy} of a large stream between two connections. */
@Timeout(60)
class StreamCopyTest {
  private static final int TEN_MIB = 10 << 20;

  /**
   * The byte at {@code index} of the stream: changes with the position, so a lost, doubled or
   * reordered chunk shows.
   */
  private static byte expected(long index) {
    return (byte) (index * 131 + (index >>> 13));
  }

  @Test
  void copiesTenMebibytesFromOneConnectionToAnotherExactly() throws Exception {
    try (TestExecutor executor = new TestExecutor();
        TcpListener listener = TcpListener.bind(0)) {
      CompletableFuture<TcpStream> acceptedSource = executor.spawn(listener.accept());
      TcpStream source = executor.block(TcpStream.connect(listener.localAddress()));
      TcpStream from = TestExecutor.await(acceptedSource);
      CompletableFuture<TcpStream> acceptedSink = executor.spawn(listener.accept());
      TcpStream sink = executor.block(TcpStream.connect(listener.localAddress()));
      TcpStream to = TestExecutor.await(acceptedSink);
      try (source;
          from;
          sink;
          to) {
        ByteBuffer sent = ByteBuffer.allocate(TEN_MIB);
        for (int i = 0; i < TEN_MIB; i++) {
          sent.put(i, expected(i));
        }
        CompletableFuture<Long> copy =
            executor.spawn(TcpStream.copy(from, to).inspect(copied -> to.close()));
        CompletableFuture<Long> received = executor.spawn(new CheckingReader(sink));
        CompletableFuture<Void> written =
            executor
                .spawn(source.writeAll(sent))
                .thenRun(
                    () -> {
                      try {
                        source.shutdownOutput();
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    });
        TestExecutor.await(allOrFirstFailure(written, copy, received));

        assertThat(TestExecutor.await(copy)).as("bytes copied").isEqualTo(TEN_MIB);
        assertThat(TestExecutor.await(received)).as("bytes received").isEqualTo(TEN_MIB);
      }
    }
  }

  /** Completes when all complete, or fails as soon as one fails (a stalled peer then shows). */
  private static CompletableFuture<Void> allOrFirstFailure(CompletableFuture<?>... futures) {
    CompletableFuture<Void> outcome = new CompletableFuture<>();
    for (CompletableFuture<?> future : futures) {
      future.whenComplete(
          (value, failure) -> {
            if (failure != null) {
              outcome.completeExceptionally(failure);
            }
          });
    }
    CompletableFuture.allOf(futures).thenRun(() -> outcome.complete(null));
    return outcome;
  }

  /** Reads to end of stream, checking every byte against {@link #expected}; the count. */
  private static final class CheckingReader implements Future<Long> {
    private final TcpStream stream;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private Future<Integer> reading;
    private long received;

    CheckingReader(TcpStream stream) {
      this.stream = stream;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      while (true) {
        if (reading == null) {
          buffer.clear();
          reading = stream.read(buffer);
        }
        if (!(reading.poll(cx) instanceof Poll.Ready<Integer>(Integer read))) {
          return Poll.pending();
        }
        reading = null;
        if (read < 0) {
          return Poll.ready(received);
        }
        for (int i = 0; i < read; i++) {
          if (buffer.get(i) != expected(received)) {
            throw new AssertionError("byte " + received + " differs from what was sent");
          }
          received++;
        }
      }
    }
  }
}
