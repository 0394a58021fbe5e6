package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gearbox.future.Future;
import dev.gearbox.future.ParkingDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producer threads, one consumer thread, futures driven by parking threads: every message
 * arrives exactly once, in order per producer, whether received one by one or in batches.
 */
class ChannelStressTest {
  private static final int PRODUCERS = 4;
  private static final int MESSAGES_PER_PRODUCER = 50_000;
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final long SEQUENCE_MASK = (1L << Integer.SIZE) - 1;

  /** How a producer sends each message. */
  private enum Style {
    /** Await send(). */
    SEND,
    /** trySend(), and send() when full. */
    TRY_FIRST,
    /** Poll send() once; when Pending, sometimes drop it and retry with a fresh send. */
    DROP_AND_RETRY
  }

  @ParameterizedTest(name = "capacity {0} (0: unbounded)")
  @ValueSource(ints = {1, 16, 0})
  void everyMessageArrivesOnceAndInOrderPerProducer(int capacity) {
    assertTimeoutPreemptively(LIMIT, () -> run(capacity));
  }

  private static void run(int capacity) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    Channel.Pair<Long> pair = capacity == 0 ? Channel.unbounded() : Channel.bounded(capacity);
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int producer = 0; producer < PRODUCERS; producer++) {
        int id = producer;
        Style style = Style.values()[producer % Style.values().length];
        done.add(
            CompletableFuture.runAsync(
                () -> produce(id, style, pair.sender(), deadline), producers));
      }
      CompletableFuture<Void> allSent =
          CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
              .whenComplete((ignored, failure) -> pair.sender().close());

      long[] nextExpected = consume(pair.receiver(), deadline);

      allSent.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      for (int producer = 0; producer < PRODUCERS; producer++) {
        assertThat(nextExpected[producer])
            .as("messages received from producer " + producer)
            .isEqualTo(MESSAGES_PER_PRODUCER);
      }
    } finally {
      producers.shutdownNow();
    }
  }

  private static void produce(
      int producer, Style style, Channel.Sender<Long> sender, long deadline) {
    try {
      ParkingDriver driver = new ParkingDriver(deadline);
      for (long sequence = 0; sequence < MESSAGES_PER_PRODUCER; sequence++) {
        Long message = ((long) producer << Integer.SIZE) | sequence;
        switch (style) {
          case SEND -> driver.await(sender.send(message));
          case TRY_FIRST -> {
            if (!sender.trySend(message)) {
              driver.await(sender.send(message));
            }
          }
          case DROP_AND_RETRY -> sendDroppingSome(driver, sender, message, sequence);
        }
      }
    } catch (Exception e) {
      throw new AssertionError("producer " + producer + " failed", e);
    }
  }

  /** Drops every third pending send and starts over: a dropped send must never be delivered. */
  private static void sendDroppingSome(
      ParkingDriver driver, Channel.Sender<Long> sender, Long message, long sequence)
      throws Exception {
    int attempt = 0;
    while (true) {
      Future<Void> send = sender.send(message);
      if (driver.pollOnce(send).isReady()) {
        return;
      }
      if ((sequence + attempt++) % 3 != 0) {
        driver.await(send);
        return;
      }
      driver.parkUntilWoken(send); // likely granted a slot by now: drop it anyway
      send.drop();
    }
  }

  private static long[] consume(Channel.Receiver<Long> receiver, long deadline) throws Exception {
    ParkingDriver driver = new ParkingDriver(deadline);
    long[] nextExpected = new long[PRODUCERS];
    List<Long> batch = new ArrayList<>();
    for (int round = 0; ; round++) {
      batch.clear();
      if (round % 2 == 0) {
        Long message = driver.await(receiver.receive());
        if (message != null) {
          batch.add(message);
        }
      } else {
        driver.await(receiver.receiveMany(batch, 1 + round % 7));
      }
      if (batch.isEmpty()) {
        return nextExpected;
      }
      for (Long message : batch) {
        int producer = (int) (message >>> Integer.SIZE);
        long sequence = message & SEQUENCE_MASK;
        assertThat(sequence)
            .as("next message of producer " + producer)
            .isEqualTo(nextExpected[producer]);
        nextExpected[producer]++;
      }
    }
  }
}
