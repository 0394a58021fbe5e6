package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {
  private final CountingWaker waker = new CountingWaker();

  @Test
  void aLoopThreadsItsStateUntilTheBodyBreaks() throws Exception {
    Future<Integer> loop =
        Futures.loop(1, n -> Futures.ready(n >= 100 ? Step.done(n) : Step.next(n * 2)));
    assertThat(loop.poll(waker.context()).value()).isEqualTo(128);
  }

  @Test
  void aLoopThatNeverWaitsYieldsAfterItsBudget() throws Exception {
    AtomicInteger iterations = new AtomicInteger();
    Future<Integer> loop =
        Futures.loop(
            0,
            n -> {
              iterations.incrementAndGet();
              return Futures.ready(n == 1_000 ? Step.done(n) : Step.next(n + 1));
            });
    assertThat(loop.poll(waker.context()).isPending()).isTrue();
    // 128 iterations completed; the body of the next one is made as soon as its state is known
    assertThat(iterations).hasValue(LoopFuture.ITERATIONS_PER_POLL + 1);
    assertThat(waker.wakes()).isEqualTo(1);
    Poll<Integer> poll = Poll.pending();
    for (int polls = 0; polls < 100 && poll.isPending(); polls++) {
      poll = loop.poll(waker.context());
    }
    assertThat(poll.value()).isEqualTo(1_000);
  }

  @Test
  void aPendingBodyIsPolledAgainAndDroppedWithTheLoop() throws Exception {
    ManualFuture<Step<Integer, String>> body = new ManualFuture<>("body");
    Future<String> loop = Futures.loop(0, n -> body);
    assertThat(loop.poll(waker.context()).isPending()).isTrue();
    loop.drop();
    assertThat(body.drops()).isEqualTo(1);
  }

  @Test
  void aThrowingBodyEndsTheLoop() {
    Future<Void> loop = Futures.loop(0, n -> Futures.failed(new IOException("iteration " + n)));
    assertThatThrownBy(() -> loop.poll(waker.context())).hasMessage("iteration 0");
  }

  @Test
  void repeatRunsTheBodyInOrder() throws Exception {
    List<Integer> seen = new ArrayList<>();
    Future<Void> repeat = Futures.repeat(5, index -> Futures.lazy(() -> seen.add(index)));
    assertThat(repeat.poll(waker.context()).isReady()).isTrue();
    assertThat(seen).containsExactly(0, 1, 2, 3, 4);
    assertThat(Futures.repeat(0, index -> Futures.pending()).poll(waker.context()).isReady())
        .isTrue();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> Futures.repeat(-1, index -> Futures.ready(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("times must be 0 or more, got -1");
    assertThatThrownBy(() -> Futures.loop(0, null)).hasMessage("body");
    assertThatThrownBy(() -> Futures.loop(0, n -> null).poll(waker.context()))
        .hasMessageContaining("loop body returned null");
  }
}
