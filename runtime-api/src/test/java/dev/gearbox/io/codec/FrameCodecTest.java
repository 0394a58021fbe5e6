package dev.gearbox.io.codec;

import static dev.gearbox.io.codec.CodecFutures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TestExecutor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FrameReader} and {@link FrameWriter} over a loopback connection. */
@Timeout(30)
class FrameCodecTest {
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

  private static String text(ByteBuffer payload) {
    return StandardCharsets.UTF_8.decode(payload).toString();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
    "1, BIG_ENDIAN, 255",
    "1, LITTLE_ENDIAN, 255",
    "2, BIG_ENDIAN, 65535",
    "2, LITTLE_ENDIAN, 65535",
    "4, BIG_ENDIAN, 100000",
    "4, LITTLE_ENDIAN, 100000"
  })
  void framesOfEachPrefixWidthAndByteOrderRoundTrip(int width, String order, int longest)
      throws Exception {
    ByteOrder byteOrder =
        order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    FrameFormat format = FrameFormat.DEFAULT.withPrefixBytes(width).withByteOrder(byteOrder);
    byte[] big = new byte[longest];
    new Random(width).nextBytes(big);
    FrameWriter writer = new FrameWriter(pair.client, format);
    executor.block(
        writer
            .writeFrame(bytes("hi"))
            .andThen(writer.writeFrame(ByteBuffer.allocate(0)))
            .andThen(writer.writeFrame(ByteBuffer.wrap(big))));
    pair.endClient();

    ByteBuffer wire = ByteBuffer.allocate(width + 2).order(byteOrder);
    executor.block(pair.server.readExact(wire));
    long prefix =
        switch (width) {
          case 1 -> wire.get(0) & 0xFF;
          case 2 -> wire.getShort(0) & 0xFFFF;
          default -> wire.getInt(0);
        };
    assertThat(prefix).as("the prefix on the wire").isEqualTo(2);
    assertThat(text(wire.position(width))).isEqualTo("hi");

    List<ByteBuffer> frames = executor.block(readAll(new FrameReader(pair.server, format)));
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).remaining()).isZero();
    assertThat(frames.get(1).position()).isZero();
    assertThat(frames.get(1).array()).isEqualTo(big);
  }

  @Test
  void aFrameSplitAcrossReadsIsJoinedAndAFrameAfterItInTheSameReadIsKept() throws Exception {
    FrameReader reader = new FrameReader(pair.server);
    PendingSignal<List<ByteBuffer>> frames = new PendingSignal<>(readAll(reader));
    CompletableFuture<List<ByteBuffer>> result = executor.spawn(frames);
    frames.awaitPending();
    pair.send(new byte[] {0, 0}); // half the prefix
    frames.awaitPending();
    pair.send(new byte[] {0, 5, 'h', 'e'});
    frames.awaitPending();
    pair.send(new byte[] {'l', 'l', 'o', 0, 0, 0, 1, '!'});
    pair.endClient();

    assertThat(TestExecutor.await(result)).map(FrameCodecTest::text).containsExactly("hello", "!");
  }

  @Test
  void manyFramesInOneWriteAndAFrameLargerThanTheBufferAllArriveWhole() throws Exception {
    Random random = new Random(17);
    List<byte[]> sent = new ArrayList<>();
    ByteBuffer wire = ByteBuffer.allocate(4 << 20);
    for (int i = 0; i < 1000; i++) {
      sent.add(new byte[random.nextInt(200)]);
    }
    sent.add(new byte[1 << 20]); // read straight into its payload
    sent.add(new byte[ReadBuffer.INITIAL_CAPACITY - 1]); // through the buffer
    sent.add(new byte[3]);
    for (byte[] payload : sent) {
      random.nextBytes(payload);
      wire.putInt(payload.length).put(payload);
    }
    executor.block(pair.client.writeAll(wire.flip()));
    pair.endClient();

    List<ByteBuffer> frames = executor.block(readAll(new FrameReader(pair.server)));

    assertThat(frames).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(frames.get(i).array()).as("frame %d", i).isEqualTo(sent.get(i));
    }
  }

  @Test
  void anOversizedLengthIsRefusedBeforeThePayloadIsAllocated() throws Exception {
    FrameFormat format = FrameFormat.DEFAULT.withMaxFrameLength(1024);
    pair.send(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 2, 3});
    java.lang.Runtime jvm = java.lang.Runtime.getRuntime();
    long committedBefore = jvm.totalMemory();
    FrameReader reader = new FrameReader(pair.server, format);

    assertThatThrownBy(() -> executor.block(reader.readFrame()))
        .isInstanceOfSatisfying(
            FrameTooLongException.class,
            tooLong -> {
              assertThat(tooLong.length()).isEqualTo(0x7FFFFFF0L);
              assertThat(tooLong.limit()).isEqualTo(1024);
            })
        .hasMessage(
            "frame from "
                + peer()
                + " announces 2147483632 bytes, over the limit of 1024 bytes (maxFrameLength)");
    assertThat(jvm.totalMemory() - committedBefore)
        .as("heap committed meanwhile: no 2 GiB payload was allocated")
        .isLessThan(1L << 30);
  }

  @Test
  void aLengthWithTheTopBitSetIsRefusedAsTooLongNotReadAsNegative() throws Exception {
    FrameFormat format = FrameFormat.DEFAULT.withMaxFrameLength(LineReader.MAX_LIMIT);
    pair.send(new byte[] {(byte) 0x80, 0, 0, 0});
    FrameReader reader = new FrameReader(pair.server, format);

    FrameTooLongException failure =
        (FrameTooLongException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> executor.block(reader.readFrame()));
    assertThat(failure).isNotNull();
    assertThat(failure.length()).isEqualTo(2147483648L);
    assertThat(failure)
        .hasMessage(
            "frame from %s announces 2147483648 bytes, over the limit of %d bytes (maxFrameLength)",
            peer(), LineReader.MAX_LIMIT);
    assertThatThrownBy(() -> executor.block(reader.readFrame()))
        .as("the reader is done after a refused frame")
        .isInstanceOf(IOException.class)
        .hasMessage("frame reader failed before: " + failure.getMessage())
        .hasCause(failure);
  }

  @Test
  void allOnesInAFourBytePrefixIsTheLargestUnsignedLength() throws Exception {
    pair.send(new byte[] {-1, -1, -1, -1});

    assertThatThrownBy(() -> executor.block(new FrameReader(pair.server).readFrame()))
        .isInstanceOf(FrameTooLongException.class)
        .hasMessageContaining("announces 4294967295 bytes, over the limit of 8388608 bytes");
  }

  @Test
  void endOfStreamBetweenFramesEndsTheReader() throws Exception {
    executor.block(new FrameWriter(pair.client).writeFrame(bytes("last")));
    pair.endClient();
    FrameReader reader = new FrameReader(pair.server);

    assertThat(executor.block(readAll(reader))).map(FrameCodecTest::text).containsExactly("last");
    assertThat(executor.block(reader.readFrame())).isNull();
  }

  @Test
  void endOfStreamInsideThePrefixFailsNamingWhatWasRead() throws Exception {
    pair.send(new byte[] {0, 0, 0, 1, 'a', 0, 0});
    pair.endClient();
    FrameReader reader = new FrameReader(pair.server);

    assertThat(text(executor.block(reader.readFrame()))).isEqualTo("a");
    assertThatThrownBy(() -> executor.block(reader.readFrame()))
        .isInstanceOf(EOFException.class)
        .hasMessage(
            "stream from "
                + peer()
                + " ended inside the 4-byte length prefix of a frame: 2 bytes of it read");
  }

  @Test
  void endOfStreamInsideThePayloadFailsNamingWhatWasRead() throws Exception {
    pair.send(new byte[] {0, 10, 'a', 'b', 'c'});
    pair.endClient();

    assertThatThrownBy(
            () ->
                executor.block(
                    new FrameReader(pair.server, FrameFormat.DEFAULT.withPrefixBytes(2))
                        .readFrame()))
        .isInstanceOf(EOFException.class)
        .hasMessage("stream from " + peer() + " ended inside a frame: 3 of its 10 bytes read");
  }

  @Test
  void aBufferedFrameSpendsTheBudgetAndYieldsWhenItIsSpent() throws Exception {
    pair.send(new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 1, 'b'});
    FrameReader reader = new FrameReader(pair.server);
    AtomicInteger wakes = new AtomicInteger();
    List<String> seen = new ArrayList<>();
    Future<List<String>> probe =
        new Future<>() {
          @Override
          public Poll<List<String>> poll(Context cx) throws Exception {
            if (seen.isEmpty()) {
              Poll<ByteBuffer> first = reader.readFrame().poll(cx);
              if (first.isPending()) {
                return Poll.pending();
              }
              seen.add(text(first.value()));
              Poll<ByteBuffer> refused =
                  reader.readFrame().poll(CodecFutures.spentBudget(cx, wakes));
              if (refused.isReady()) {
                seen.add("got " + text(refused.value()) + " on a spent budget");
                return Poll.ready(seen);
              }
              seen.add("yielded");
            }
            Poll<ByteBuffer> second = reader.readFrame().poll(cx);
            if (second.isPending()) {
              return Poll.pending();
            }
            seen.add(text(second.value()));
            return Poll.ready(seen);
          }
        };

    assertThat(executor.block(probe)).containsExactly("a", "yielded", "b");
    assertThat(wakes).hasValue(1);
  }

  @Test
  void aPayloadTooLongForTheFormatIsRefusedByTheWriter() {
    FrameWriter oneByte = new FrameWriter(pair.client, FrameFormat.DEFAULT.withPrefixBytes(1));
    FrameWriter limited = new FrameWriter(pair.client, FrameFormat.DEFAULT.withMaxFrameLength(10));

    assertThatThrownBy(() -> oneByte.writeFrame(ByteBuffer.allocate(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a frame of 256 bytes is not allowed: at most 255 bytes (maxFrameLength 8388608, a"
                + " 1-byte length prefix holds 255)");
    assertThatThrownBy(() -> limited.writeFrame(ByteBuffer.allocate(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a frame of 11 bytes is not allowed: at most 10 bytes");
    assertThatThrownBy(() -> FrameFormat.DEFAULT.withPrefixBytes(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefixBytes 3 is not allowed: the length prefix is 1, 2 or 4 bytes");
    assertThatThrownBy(() -> FrameFormat.DEFAULT.withMaxFrameLength(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxFrameLength -1 is not allowed");
  }

  @Test
  void theWriterSendsTheBytesBetweenPositionAndLimitAndLeavesThePositionAlone() throws Exception {
    ByteBuffer payload = bytes("xxhello!!");
    payload.position(2).limit(7);
    executor.block(new FrameWriter(pair.client).writeFrame(payload));
    pair.endClient();

    assertThat(payload.position()).isEqualTo(2);
    assertThat(executor.block(readAll(new FrameReader(pair.server))))
        .map(FrameCodecTest::text)
        .containsExactly("hello");
  }
}
