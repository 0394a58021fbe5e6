package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {
  private static final int BUDGET = 16;

  private final CountingWaker waker = new CountingWaker();

  @Test
  void aLoopThreadsItsStateUntilTheBodyBreaks() throws Exception {
    Future<Integer> loop =
        Futures.loop(1, n -> Futures.ready(n >= 100 ? Step.done(n) : Step.next(n * 2)));
    assertThat(loop.poll(waker.context()).value()).isEqualTo(128);
  }

  @Test
  void aLoopThatNeverWaitsYieldsOnceTheTasksBudgetIsSpent() throws Exception {
    AtomicInteger iterations = new AtomicInteger();
    Future<Integer> loop =
        Futures.loop(
            0,
            n -> {
              iterations.incrementAndGet();
              return Futures.ready(n == 1_000 ? Step.done(n) : Step.next(n + 1));
            });
    assertThat(loop.poll(waker.contextWithBudget(BUDGET)).isPending()).isTrue();
    // the first iteration is free and each further one spends a unit: BUDGET + 1 completed; the
    // body of the next one is made as soon as its state is known
    assertThat(iterations).hasValue(BUDGET + 2);
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(loop.poll(waker.contextWithBudget(0)).isPending()).as("a spent budget").isTrue();
    assertThat(iterations).as("one iteration per poll once spent").hasValue(BUDGET + 3);
    Poll<Integer> poll = Poll.pending();
    for (int polls = 0; polls < 1_000 && poll.isPending(); polls++) {
      poll = loop.poll(waker.contextWithBudget(BUDGET));
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
