package dev.gearbox.io.codec;

import static dev.gearbox.io.codec.CodecFutures.readAll;
import static dev.gearbox.io.codec.CodecFutures.readAtMost;
import static dev.gearbox.io.codec.CodecFutures.readOutcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TestExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LineReader} and {@link LineWriter} over a loopback connection. */
@Timeout(30)
class LineCodecTest {
  private TestExecutor executor;
  private StreamPair pair;

  @BeforeEach
  void open() throws Exception {
    executor = new TestExecutor();
    pair = StreamPair.open(executor);
  }

  @AfterEach
  void close() throws Exception {
    pair.close();
    executor.close();
  }

  private String peer() {
    return "127.0.0.1:" + pair.client.localAddress().getPort();
  }

  @Test
  void aLineSplitAcrossReadsIsJoined() throws Exception {
    LineReader reader = new LineReader(pair.server, 64);
    PendingSignal<List<String>> lines = new PendingSignal<>(readAtMost(reader, 2));
    CompletableFuture<List<String>> result = executor.spawn(lines);
    lines.awaitPending();
    pair.send("hel");
    lines.awaitPending();
    pair.send("lo\nwor");
    lines.awaitPending();
    pair.send("ld\n");

    assertThat(TestExecutor.await(result)).containsExactly("hello", "world");
  }

  @Test
  void severalLinesInOneReadComeOneByOne() throws Exception {
    pair.send("one\ntwo\nthree\n");
    pair.endClient();

    assertThat(executor.block(readAll(new LineReader(pair.server, 64))))
        .containsExactly("one", "two", "three");
  }

  @Test
  void crlfAndLfBothEndALineAndEmptyLinesAreEmptyStrings() throws Exception {
    pair.send("a\r\n\r\nb\n\nc\rd\r\n");
    pair.endClient();

    assertThat(executor.block(readAll(new LineReader(pair.server, 64))))
        .containsExactly("a", "", "b", "", "c\rd");
  }

  @Test
  void aCrlfSplitBetweenReadsIsStillOneLineBreak() throws Exception {
    LineReader reader = new LineReader(pair.server, 64);
    PendingSignal<List<String>> lines = new PendingSignal<>(readAll(reader));
    CompletableFuture<List<String>> result = executor.spawn(lines);
    lines.awaitPending();
    pair.send("first\r");
    lines.awaitPending();
    pair.send("\nsecond\r\n");
    pair.endClient();

    assertThat(TestExecutor.await(result)).containsExactly("first", "second");
  }

  @Test
  void endOfStreamAfterAPartialLineReturnsItAsTheLastLine() throws Exception {
    pair.send("complete\npartial\r");
    pair.endClient();
    LineReader reader = new LineReader(pair.server, 64);

    assertThat(executor.block(readAll(reader))).containsExactly("complete", "partial");
    assertThat(executor.block(reader.readLine())).as("after the end").isNull();
  }

  @Test
  void endOfStreamRightAfterALineBreakAddsNoEmptyLine() throws Exception {
    pair.send("only\n");
    pair.endClient();

    assertThat(executor.block(readAll(new LineReader(pair.server, 64)))).containsExactly("only");
  }

  @Test
  void aMultiByteCharacterSplitAcrossReadsDecodesWhole() throws Exception {
    byte[] text = "grüße → 世界\n".getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(pair.server, 64);
    PendingSignal<List<String>> lines = new PendingSignal<>(readAtMost(reader, 1));
    CompletableFuture<List<String>> result = executor.spawn(lines);
    lines.awaitPending();
    int[] cuts = {3, 9, 15}; // inside 'ü', inside '→', inside '世'
    int from = 0;
    for (int cut : cuts) {
      pair.send(Arrays.copyOfRange(text, from, cut));
      lines.awaitPending();
      from = cut;
    }
    pair.send(Arrays.copyOfRange(text, from, text.length));

    assertThat(TestExecutor.await(result)).containsExactly("grüße → 世界");
  }

  @Test
  void aLineOfExactlyMaxLengthIsAllowedWithEitherLineBreak() throws Exception {
    pair.send("12345678\n12345678\r\n");
    pair.endClient();

    assertThat(executor.block(readAll(new LineReader(pair.server, 8))))
        .containsExactly("12345678", "12345678");
  }

  @Test
  void aTooLongLineFailsNamingTheLimitAndTheReaderGoesOnAfterIt() throws Exception {
    pair.send("ok\n" + "x".repeat(100_000) + "\nafter\n123456789\nlast\n");
    pair.endClient();

    List<String> outcomes = executor.block(readOutcomes(new LineReader(pair.server, 8)));

    assertThat(outcomes)
        .containsExactly(
            "ok",
            "failed: line from "
                + peer()
                + " exceeds the limit of 8 bytes (maxLength): 10 bytes read without a line break",
            "after",
            "failed: line from "
                + peer()
                + " is 9 bytes long, over the limit of 8 bytes (maxLength)",
            "last");
  }

  @Test
  void aTooLongLineIsRefusedBeforeMoreThanTheLimitIsBuffered() throws Exception {
    LineReader reader = new LineReader(pair.server, 1000);
    CompletableFuture<String> line = executor.spawn(reader.readLine());
    pair.send("y".repeat(1 << 20));

    assertThatThrownBy(() -> TestExecutor.await(line))
        .isInstanceOfSatisfying(
            FrameTooLongException.class,
            tooLong -> {
              assertThat(tooLong.limit()).isEqualTo(1000);
              assertThat(tooLong.length()).isBetween(1001L, 1002L);
            });
  }

  @Test
  void aTooLongLineSplitOverManyReadsIsDiscardedUpToItsLineBreak() throws Exception {
    LineReader reader = new LineReader(pair.server, 4);
    PendingSignal<List<String>> outcomes = new PendingSignal<>(readOutcomes(reader));
    CompletableFuture<List<String>> result = executor.spawn(outcomes);
    outcomes.awaitPending();
    pair.send("abcdefgh");
    outcomes.awaitPending();
    pair.send("ijkl\nmn");
    outcomes.awaitPending();
    pair.send("\n");
    pair.endClient();

    assertThat(TestExecutor.await(result))
        .hasSize(2)
        .satisfies(list -> assertThat(list.get(0)).startsWith("failed: line from"))
        .satisfies(list -> assertThat(list.get(1)).isEqualTo("mn"));
  }

  @Test
  void aBufferedLineSpendsTheBudgetAndYieldsWhenItIsSpent() throws Exception {
    pair.send("one\ntwo\n");
    LineReader reader = new LineReader(pair.server, 64);
    List<String> seen = new ArrayList<>();
    AtomicInteger wakesWhileSpent = new AtomicInteger();
    Future<List<String>> probe =
        new Future<>() {
          private boolean spentOnce;

          @Override
          public Poll<List<String>> poll(Context cx) throws Exception {
            if (seen.isEmpty()) {
              Poll<String> first = reader.readLine().poll(cx);
              if (first.isPending()) {
                return Poll.pending();
              }
              seen.add(first.value());
            }
            if (!spentOnce) {
              spentOnce = true;
              Poll<String> refused =
                  reader.readLine().poll(CodecFutures.spentBudget(cx, wakesWhileSpent));
              if (refused.isReady()) {
                seen.add("got " + refused.value() + " on a spent budget");
                return Poll.ready(seen);
              }
              seen.add("yielded");
            }
            Poll<String> second = reader.readLine().poll(cx);
            if (second.isPending()) {
              return Poll.pending();
            }
            seen.add(second.value());
            return Poll.ready(seen);
          }
        };

    assertThat(executor.block(probe)).containsExactly("one", "yielded", "two");
    assertThat(wakesWhileSpent).as("the task was woken to run again").hasValue(1);
  }

  @Test
  void anotherCharsetDecodesItsBytes() throws Exception {
    pair.send(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
    pair.endClient();

    assertThat(executor.block(readAll(new LineReader(pair.server, 8, StandardCharsets.ISO_8859_1))))
        .containsExactly("café");
  }

  @Test
  void badArgumentsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new LineReader(pair.server, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength 0 is not allowed: it must be between 1 and " + LineReader.MAX_LIMIT);
    assertThatThrownBy(() -> new LineReader(pair.server, 8, StandardCharsets.UTF_16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("charset UTF-16 is not allowed for lines");
    LineWriter writer = new LineWriter(pair.client);
    assertThatThrownBy(() -> writer.writeLine("two\nlines"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a line must not contain a line break, but found '\\n' at index 3 of 9 characters");
  }

  @Test
  void writtenLinesReadBackWithEachSeparatorAndCharset() throws Exception {
    LineWriter lf = new LineWriter(pair.client);
    LineWriter crlf = new LineWriter(pair.client, StandardCharsets.ISO_8859_1, LineSeparator.CRLF);
    executor.block(
        lf.writeLine("first")
            .andThen(lf.writeLine("grüße → 世界"))
            .andThen(lf.writeLine(""))
            .andThen(crlf.writeLine("café"))
            .andThen(lf.writeLine("x".repeat(200_000))));
    pair.endClient();

    ByteBuffer raw = ByteBuffer.allocate(200_100);
    List<String> lines = new ArrayList<>();
    LineReader reader = new LineReader(pair.server, 200_000);
    lines.addAll(executor.block(readAtMost(reader, 3)));
    ByteBuffer rest = reader.takeBuffered();
    raw.put(rest);
    executor.block(readRemaining(raw));
    raw.flip();

    assertThat(lines).containsExactly("first", "grüße → 世界", "");
    assertThat(raw.get(0)).isEqualTo((byte) 'c');
    assertThat(Arrays.copyOfRange(raw.array(), 0, 6))
        .as("ISO-8859-1 bytes and CRLF")
        .isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\r', '\n'});
    assertThat(raw.limit()).isEqualTo(6 + 200_001);
    assertThat(raw.get(raw.limit() - 1)).isEqualTo((byte) '\n');
  }

  @Test
  void aSecondWriteStartedWhileOneIsInProgressIsRefused() {
    EncodedWrite.OutputBuffer output = new EncodedWrite.OutputBuffer(pair.client, "LineWriter");
    output.acquire();

    assertThatThrownBy(output::acquire)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a write of this LineWriter is still in progress: complete (or drop) one write before"
                + " polling the next");
    output.release();
    assertThat(output.acquire().position()).isZero();
  }

  /** Reads the server side into {@code into} until end of stream. */
  private Future<Void> readRemaining(ByteBuffer into) {
    return new Future<>() {
      private Future<Integer> reading;

      @Override
      public Poll<Void> poll(Context cx) throws Exception {
        while (true) {
          if (reading == null) {
            reading = pair.server.read(into);
          }
          Poll<Integer> read = reading.poll(cx);
          if (read.isPending()) {
            return Poll.pending();
          }
          reading = null;
          if (read.value() < 0) {
            return Poll.ready();
          }
        }
      }
    };
  }
}
