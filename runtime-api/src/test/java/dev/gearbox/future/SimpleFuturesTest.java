package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SimpleFuturesTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();

  @Test
  void readyIsReadyAtOnce() throws Exception {
    assertThat(Futures.ready("x").poll(cx).value()).isEqualTo("x");
    assertThat(Futures.<String>ready(null).poll(cx)).isSameAs(Poll.ready());
  }

  @Test
  void failedThrowsItsException() {
    IOException failure = new IOException("boom");
    assertThatThrownBy(() -> Futures.failed(failure).poll(cx)).isSameAs(failure);
  }

  @Test
  void failedThrowsErrorsAsTheyAre() {
    AssertionError error = new AssertionError("bad");
    assertThatThrownBy(() -> Futures.failed(error).poll(cx)).isSameAs(error);
  }

  @Test
  void failedWrapsOtherThrowables() {
    Throwable odd = new Throwable("odd");
    assertThatThrownBy(() -> Futures.failed(odd).poll(cx))
        .isInstanceOf(ExecutionException.class)
        .hasCause(odd);
  }

  @Test
  void pendingNeverCompletesNorWakes() throws Exception {
    Future<String> never = Futures.pending();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(never.poll(cx).isPending()).isTrue();
    }
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void pollFnReturnsTheLambda() throws Exception {
    Future<Integer> answer = cx -> Poll.ready(42);
    assertThat(Futures.pollFn(answer)).isSameAs(answer);
    assertThat(Futures.pollFn(context -> Poll.ready(7)).poll(cx).value()).isEqualTo(7);
  }

  @Test
  void lazyComputesOnFirstPollOnly() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Future<Integer> lazy = Futures.lazy(calls::incrementAndGet);
    assertThat(calls).hasValue(0);
    assertThat(lazy.poll(cx).value()).isEqualTo(1);
    assertThat(calls).hasValue(1);
    assertThatThrownBy(() -> lazy.poll(cx)).isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void lazyThrowsWhatTheCallableThrows() {
    IOException failure = new IOException("io");
    Future<String> lazy =
        Futures.lazy(
            () -> {
              throw failure;
            });
    assertThatThrownBy(() -> lazy.poll(cx)).isSameAs(failure);
  }

  @Test
  void yieldNowWakesThenCompletes() throws Exception {
    Future<Void> yield = Futures.yieldNow();
    assertThat(yield.poll(cx).isPending()).isTrue();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(yield.poll(cx).isReady()).isTrue();
    assertThat(waker.wakes()).isEqualTo(1);
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> Futures.failed(null)).hasMessage("failure");
    assertThatThrownBy(() -> Futures.pollFn(null)).hasMessage("poll");
    assertThatThrownBy(() -> Futures.lazy(null)).hasMessage("callable");
    assertThatThrownBy(() -> Futures.fromCompletionStage(null)).hasMessage("stage");
    assertThatThrownBy(() -> Futures.join(null, Futures.ready(1))).hasMessage("first");
    assertThatThrownBy(() -> Futures.join(Futures.ready(1), null)).hasMessage("second");
    assertThatThrownBy(() -> Futures.join(Futures.ready(1), Futures.ready(2), null))
        .hasMessage("third");
    assertThatThrownBy(() -> Futures.select(Futures.ready(1), null)).hasMessage("second");
    assertThatThrownBy(() -> Futures.race(null, Futures.ready(1))).hasMessage("first");
  }
}
