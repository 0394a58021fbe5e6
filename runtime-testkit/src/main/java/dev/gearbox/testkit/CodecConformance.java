package dev.gearbox.testkit;

import static dev.gearbox.testkit.IoFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.codec.FrameReader;
import dev.gearbox.io.codec.FrameWriter;
import dev.gearbox.io.codec.LineReader;
import dev.gearbox.io.codec.LineWriter;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: the line and frame codecs of {@code dev.gearbox.io.codec}, and {@code
 * TcpStream.copy}, between tasks of the runtime under test, over loopback, written with
 * combinators. The listener is bound inside the runtime, so a runtime with a network of its own
 * (the simulated one) runs them in that network.
 */
public interface CodecConformance extends ConformanceFixture {

  /**
   * A server task answers each line it reads with the line in upper case; the client sends lines
   * ended by CRLF and LF, an empty one and a last one without a line break, and reads the answers.
   *
   * @throws Exception if a join fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aLineServerAnswersEveryLine() throws Exception {
    Runtime runtime = runtime();
    try (TcpListener listener = bindInRuntime(runtime)) {
      runtime.spawn(listener.accept().flatMap(CodecConformance::upperCaseLines));
      JoinHandle<List<String>> client =
          runtime.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(
                      stream ->
                          stream
                              .writeAll(utf8("hello\r\ngrüße → 世界\n\nlast"))
                              .andThen(Futures.lazy(() -> halfClose(stream)))
                              .flatMap(done -> new LineReader(stream, 64).collect())
                              .inspect(answers -> stream.close())));

      assertThat(client.join(WAIT)).containsExactly("HELLO", "GRÜSSE → 世界", "", "LAST");
    }
  }

  /**
   * A server task echoes every frame it reads; the client sends two hundred frames of random sizes
   * and one larger than the reader's buffer, and reads them back whole and in order.
   *
   * @throws Exception if a join fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void framesEchoBackWholeAndInOrder() throws Exception {
    Random random = new Random(42);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(new byte[random.nextInt(2_000)]);
    }
    sent.add(100, new byte[100_000]);
    sent.forEach(random::nextBytes);
    Runtime runtime = runtime();
    try (TcpListener listener = bindInRuntime(runtime)) {
      runtime.spawn(listener.accept().flatMap(CodecConformance::echoFrames));
      JoinHandle<List<ByteBuffer>> client =
          runtime.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(
                      stream -> {
                        FrameWriter writer = new FrameWriter(stream);
                        return Futures.repeat(
                                sent.size(), i -> writer.writeFrame(ByteBuffer.wrap(sent.get(i))))
                            .andThen(Futures.lazy(() -> halfClose(stream)))
                            .flatMap(done -> new FrameReader(stream).collect())
                            .inspect(frames -> stream.close());
                      }));

      List<ByteBuffer> received = client.join(WAIT);
      assertThat(received).hasSameSizeAs(sent);
      for (int i = 0; i < sent.size(); i++) {
        assertThat(received.get(i).array()).as("frame %d", i).isEqualTo(sent.get(i));
      }
    }
  }

  /**
   * {@code TcpStream.copy} in a server task moves 4 MiB from one connection to another: the count
   * is exact and every byte arrives in order.
   *
   * @throws Exception if a join fails
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void copyMovesEveryByteFromOneConnectionToAnother() throws Exception {
    int size = 4 << 20;
    ByteBuffer sent = ByteBuffer.allocate(size);
    for (int i = 0; i < size; i++) {
      sent.put(i, patternByte(i));
    }
    Runtime runtime = runtime();
    try (TcpListener listener = bindInRuntime(runtime)) {
      JoinHandle<Long> copied =
          runtime.spawn(
              listener
                  .accept()
                  .flatMap(
                      from ->
                          listener
                              .accept()
                              .flatMap(
                                  to ->
                                      TcpStream.copy(from, to)
                                          .inspect(
                                              count -> {
                                                from.close();
                                                to.close();
                                              }))));
      JoinHandle<Long> received =
          runtime.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(
                      source ->
                          TcpStream.connect(listener.localAddress())
                              .flatMap(
                                  sink ->
                                      source
                                          .writeAll(sent)
                                          .andThen(Futures.lazy(() -> halfClose(source)))
                                          .flatMap(done -> checkedCount(sink))
                                          .inspect(
                                              count -> {
                                                source.close();
                                                sink.close();
                                              }))));

      assertThat(received.join(WAIT)).as("bytes received in order").isEqualTo(size);
      assertThat(copied.join(WAIT)).as("bytes copied").isEqualTo(size);
    }
  }

  /** The byte at {@code index} of the copied stream; a lost or doubled chunk changes it. */
  private static byte patternByte(long index) {
    return (byte) (index * 131 + (index >>> 13));
  }

  /** Reads {@code stream} to its end, checking each byte against {@link #patternByte}. */
  private static Future<Long> checkedCount(TcpStream stream) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    return Futures.loop(
        0L,
        (Long received) -> {
          buffer.clear();
          return stream
              .read(buffer)
              .map(
                  read -> {
                    if (read < 0) {
                      return Step.<Long, Long>done(received);
                    }
                    for (int i = 0; i < read; i++) {
                      if (buffer.get(i) != patternByte(received + i)) {
                        throw new AssertionError("byte " + (received + i) + " differs");
                      }
                    }
                    return Step.<Long, Long>next(received + read);
                  });
        });
  }

  private static Future<Void> upperCaseLines(TcpStream stream) {
    LineReader lines = new LineReader(stream, 64);
    LineWriter answers = new LineWriter(stream);
    return Futures.loop(
            (Void) null,
            (Void ignored) ->
                lines
                    .readLine()
                    .flatMap(
                        line ->
                            line == null
                                ? Futures.ready(Step.<Void, Void>done(null))
                                : answers
                                    .writeLine(line.toUpperCase(Locale.ROOT))
                                    .map(written -> Step.<Void, Void>next(null))))
        .inspect(done -> stream.close());
  }

  private static Future<Void> echoFrames(TcpStream stream) {
    FrameReader frames = new FrameReader(stream);
    FrameWriter echo = new FrameWriter(stream);
    return Futures.loop(
            (Void) null,
            (Void ignored) ->
                frames
                    .readFrame()
                    .flatMap(
                        frame ->
                            frame == null
                                ? Futures.ready(Step.<Void, Void>done(null))
                                : echo.writeFrame(frame)
                                    .map(written -> Step.<Void, Void>next(null))))
        .inspect(done -> stream.close());
  }

  /**
   * A listener on an ephemeral port, bound by a task: in the runtime's own network, if it has one.
   */
  private static TcpListener bindInRuntime(Runtime runtime) throws Exception {
    return runtime.spawn(Futures.lazy(() -> TcpListener.bind(0))).join(WAIT);
  }

  private static TcpStream halfClose(TcpStream stream) throws java.io.IOException {
    stream.shutdownOutput();
    return stream;
  }
}
