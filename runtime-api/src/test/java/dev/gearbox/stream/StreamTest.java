package dev.gearbox.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Join2;
import dev.gearbox.future.Poll;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.Channel;
import dev.gearbox.sync.LaggedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();

  private static Stream<Integer> range(int from, int to) {
    return Streams.fromIterable(IntStream.range(from, to).boxed().toList());
  }

  private <T> T await(Future<T> future) throws Exception {
    for (int polls = 0; polls < 10_000; polls++) {
      Poll<T> poll = future.poll(cx);
      if (poll.isReady()) {
        return poll.value();
      }
    }
    throw new AssertionError("not ready after 10000 polls: " + future);
  }

  @Test
  void mapFilterSkipTakeCollect() throws Exception {
    List<Integer> items =
        await(range(0, 100).filter(n -> n % 2 == 0).map(n -> n * 10).skip(2).take(3).collect());
    assertThat(items).containsExactly(40, 60, 80);
    assertThat(await(Streams.empty().collect())).isEmpty();
    assertThat(Stream.isEnd(Streams.of().pollNext(cx))).isTrue();
  }

  @Test
  void flatMapBufferFoldAndForEach() throws Exception {
    assertThat(await(range(1, 4).flatMap(n -> range(0, n)).collect()))
        .containsExactly(0, 0, 1, 0, 1, 2);
    assertThat(await(range(0, 7).buffer(3).collect()))
        .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    assertThat(await(range(1, 5).fold(0, Integer::sum))).isEqualTo(10);
    List<Integer> seen = new ArrayList<>();
    await(Streams.of(3, 1, 2).forEach(seen::add));
    assertThat(seen).containsExactly(3, 1, 2);
  }

  @Test
  void mergeAlternatesAndZipPairs() throws Exception {
    assertThat(await(Streams.of(1, 3, 5, 7).merge(Streams.of(2, 4)).collect()))
        .containsExactly(2, 1, 4, 3, 5, 7);
    assertThat(await(Streams.of("a", "b", "c").zip(range(0, 2)).collect()))
        .containsExactly(new Join2<>("a", 0), new Join2<>("b", 1));
  }

  @Test
  void badArgumentsAndNullItemsFailByName() {
    assertThatThrownBy(() -> range(0, 1).take(-1)).hasMessageContaining("but was -1");
    assertThatThrownBy(() -> range(0, 1).buffer(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> range(0, 1).map(null)).hasMessage("fn");
    assertThatThrownBy(() -> Streams.of(1, null)).hasMessage("items[1]");
    assertThatThrownBy(() -> range(0, 1).map(n -> null).pollNext(cx))
        .hasMessageContaining("map function returned null for 0");
    assertThatThrownBy(() -> range(0, 1).throttle(java.time.Duration.ZERO))
        .hasMessageContaining("must be positive");
  }

  @Test
  void loopsYieldOnceTheTasksBudgetIsSpentAndSourcesSpendItToo() throws Exception {
    Stream<Integer> endless = cxIgnored -> Poll.ready(1);
    Future<Integer> fold = endless.take(1_000).fold(0, Integer::sum);
    assertThat(fold.poll(waker.contextWithBudget(16)).isPending()).isTrue();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(await(fold)).isEqualTo(1_000);
    assertThat(endless.filter(n -> false).pollNext(waker.contextWithBudget(16)).isPending())
        .isTrue();
    assertThat(endless.skip(1_000).pollNext(waker.contextWithBudget(16)).isPending()).isTrue();
    assertThat(endless.buffer(1_000).pollNext(waker.contextWithBudget(16)).isPending()).isTrue();
    assertThat(
            endless
                .flatMap(n -> Streams.<Integer>empty())
                .pollNext(waker.contextWithBudget(16))
                .isPending())
        .isTrue();
    assertThat(waker.wakes()).as("each yield woke its task").isEqualTo(5);

    Context spent =
        new Context() {
          @Override
          public dev.gearbox.future.Waker waker() {
            return waker;
          }

          @Override
          public boolean consumeBudget() {
            return false;
          }
        };
    Stream<Integer> source = Streams.of(1);
    assertThat(source.pollNext(spent).isPending()).isTrue();
    assertThat(source.pollNext(cx).value()).isEqualTo(1);
  }

  @Test
  void aChannelReceiverIsAStreamAndDroppingItLosesNothing() throws Exception {
    Channel.Pair<String> pair = Channel.unbounded();
    Stream<String> stream = Streams.from(pair.receiver());
    assertThat(stream.pollNext(cx).isPending()).isTrue();
    pair.sender().trySend("a");
    assertThat(waker.wakes()).isEqualTo(1);
    stream.drop();
    pair.sender().trySend("b");
    assertThat(waker.wakes()).as("the dropped stream released the waker").isEqualTo(1);
    pair.sender().close();
    assertThat(await(Streams.from(pair.receiver()).collect())).containsExactly("a", "b");
  }

  @Test
  void aBroadcastStreamFailsOnLag() throws Exception {
    Broadcast.Pair<Integer> pair = Broadcast.channel(1);
    Stream<Integer> stream = Streams.from(pair.receiver());
    pair.sender().send(1);
    pair.sender().send(2);
    assertThatThrownBy(() -> stream.pollNext(cx)).isInstanceOf(LaggedException.class);
    assertThat(stream.pollNext(cx).value()).isEqualTo(2);
  }

  @Test
  void droppingACombinatorDropsItsSources() {
    AtomicInteger drops = new AtomicInteger();
    Stream<Integer> source =
        new Stream<>() {
          @Override
          public Poll<Integer> pollNext(Context ignored) {
            return Poll.pending();
          }

          @Override
          public void drop() {
            drops.incrementAndGet();
          }
        };
    source.map(n -> n).filter(n -> true).take(3).skip(1).buffer(2).drop();
    source.merge(source).drop();
    source.zip(source).drop();
    source.fold(0, Integer::sum).drop();
    assertThat(drops.get()).isEqualTo(6);
  }
}
