package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.stream.Stream;
import dev.gearbox.stream.Streams;
import dev.gearbox.sync.Channel;
import dev.gearbox.time.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: streams between tasks of the runtime under test, the {@link Flow} bridges with
 * back-pressure, and the time-based primitives when the runtime drives timers.
 */
public interface StreamConformance extends ConformanceFixture {

  /**
   * A stream of a channel's receiver, through combinators, in a task fed by another.
   *
   * @throws Exception if a join fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aChannelStreamFlowsThroughCombinatorsBetweenTasks() throws Exception {
    Runtime runtime = runtime();
    Channel.Pair<Integer> pair = Channel.bounded(8);
    JoinHandle<Long> consumer =
        runtime.spawn(
            Streams.from(pair.receiver())
                .filter(n -> n % 2 == 0)
                .map(n -> (long) n)
                .buffer(10)
                .fold(0L, (sum, chunk) -> sum + chunk.stream().mapToLong(Long::longValue).sum()));
    runtime.spawn(
        Futures.repeat(1_000, i -> pair.sender().send(i))
            .map(
                done -> {
                  pair.sender().close();
                  return done;
                }));
    assertThat(consumer.join(WAIT)).isEqualTo(249_500L);
  }

  /**
   * A stream published as a {@link Flow.Publisher} and consumed as a stream again: every item
   * arrives in order, and the source is never polled further ahead of the consumer than the
   * subscriber's buffer allows.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aPublishedStreamRoundTripsWithBackPressure() {
    Runtime runtime = runtime();
    int buffer = 16;
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    AtomicLong mostAhead = new AtomicLong();
    Stream<Integer> source =
        Streams.fromIterable(IntStream.range(0, 20_000).boxed().toList())
            .map(
                n -> {
                  produced.incrementAndGet();
                  return n;
                });
    Flow.Publisher<Integer> publisher = Streams.toPublisher(source, runtime);
    JoinHandle<Long> sum =
        runtime.spawn(
            Streams.fromPublisher(publisher, buffer)
                .fold(
                    0L,
                    (total, n) -> {
                      assertThat(n).isEqualTo(consumed.getAndIncrement());
                      mostAhead.accumulateAndGet(produced.get() - consumed.get(), Math::max);
                      return total + n;
                    }));
    assertThat(sum.join()).isEqualTo(199_990_000L);
    // produced <= requested <= consumed + buffer: the publisher polls only what was requested
    assertThat(mostAhead.get())
        .as("items produced ahead of the consumer")
        .isLessThanOrEqualTo(buffer);
  }

  /**
   * The JDK's {@link SubmissionPublisher}, whose submit blocks while the subscriber's demand is
   * spent, feeds a stream consumed in a task: back-pressure from the stream holds the producer.
   *
   * @throws Exception if the producer fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aJdkPublisherFeedsAStreamAtItsPace() throws Exception {
    Runtime runtime = runtime();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor, 4)) {
      JoinHandle<List<Integer>> items =
          runtime.spawn(Streams.fromPublisher(publisher, 8).take(5_000).collect());
      // SubmissionPublisher drops what is submitted before anyone subscribed
      Await.until(WAIT, () -> publisher.getNumberOfSubscribers() == 1, "the stream's subscription");
      Thread producer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = 0; n < 5_000; n++) {
                      publisher.submit(n);
                    }
                  });
      assertThat(items.join(WAIT)).hasSize(5_000).isSorted();
      assertThat(producer.join(WAIT)).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * With the runtime's timer: a send with a timeout on a full channel times out without delivering,
   * and a throttled stream spaces its items. Skipped on runtimes whose contexts supply no timer
   * yet.
   *
   * @throws Exception if a join fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timedPrimitivesUseTheRuntimeTimer() throws Exception {
    Runtime runtime = runtime();
    boolean hasTimer =
        runtime.blockOn(
            (Context cx) -> {
              try {
                Timer.of(cx);
                return Poll.ready(true);
              } catch (IllegalStateException none) {
                return Poll.ready(false);
              }
            });
    Assumptions.assumeTrue(hasTimer, runtime.kind() + " supplies no timer to its tasks yet");
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("fills it");
    assertThat(runtime.spawn(pair.sender().sendTimeout("late", Duration.ofMillis(20))).join(WAIT))
        .isFalse();
    assertThat(pair.receiver().tryReceive()).isEqualTo("fills it");
    assertThat(pair.receiver().tryReceive()).isNull();

    long start = System.nanoTime();
    List<Integer> items =
        runtime.spawn(Streams.of(1, 2, 3).throttle(Duration.ofMillis(20)).collect()).join(WAIT);
    assertThat(items).containsExactly(1, 2, 3);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("two gaps of the period at least")
        .isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }
}
