package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CompletionStageFutureTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();

  @Test
  void aStageCompleteBeforeTheFirstPollIsReadyAtOnce() throws Exception {
    Future<String> future = Futures.fromCompletionStage(CompletableFuture.completedFuture("done"));
    assertThat(future.poll(cx).value()).isEqualTo("done");
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void aStageCompletedAfterTheFirstPollWakesTheWaker() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Future<String> future = Futures.fromCompletionStage(stage);
    assertThat(future.poll(cx).isPending()).isTrue();
    assertThat(future.poll(cx).isPending()).isTrue();
    assertThat(waker.wakes()).isZero();

    stage.complete("later");

    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(future.poll(cx).value()).isEqualTo("later");
  }

  @Test
  void aNullValueIsReady() throws Exception {
    Future<String> future = Futures.fromCompletionStage(CompletableFuture.completedFuture(null));
    Poll<String> poll = future.poll(cx);
    assertThat(poll.isReady()).isTrue();
    assertThat(poll.value()).isNull();
  }

  @Test
  void theLatestWakerIsTheOneWoken() throws Exception {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    Future<Integer> future = Futures.fromCompletionStage(stage);
    CountingWaker second = new CountingWaker();
    future.poll(cx);
    future.poll(second.context());

    stage.complete(1);

    assertThat(waker.wakes()).isZero();
    assertThat(second.wakes()).isEqualTo(1);
  }

  @Test
  void aFailureIsThrownUnwrapped() {
    IOException failure = new IOException("io");
    CompletableFuture<String> stage = new CompletableFuture<>();
    stage.completeExceptionally(new CompletionException(failure));
    assertThatThrownBy(() -> Futures.fromCompletionStage(stage).poll(cx)).isSameAs(failure);

    CompletableFuture<String> dependent =
        CompletableFuture.<String>failedFuture(failure).thenApply(String::trim);
    assertThatThrownBy(() -> Futures.fromCompletionStage(dependent).poll(cx)).isSameAs(failure);
  }

  @Test
  void cancellationIsThrownAsCancellation() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Future<String> future = Futures.fromCompletionStage(stage);
    stage.cancel(false);
    assertThatThrownBy(() -> future.poll(cx)).isInstanceOf(CancellationException.class);
  }

  @Test
  void dropReleasesTheWakerSoCompletionWakesNothing() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Future<String> future = Futures.fromCompletionStage(stage);
    future.poll(cx);
    future.drop();
    stage.complete("ignored");
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void completionFromAnotherThreadIsNeverLost() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          for (int round = 0; round < 2_000; round++) {
            CompletableFuture<Integer> stage = new CompletableFuture<>();
            int expected = round;
            Thread completer = Thread.ofPlatform().start(() -> stage.complete(expected));
            Future<Integer> future = Futures.fromCompletionStage(stage);
            assertThat(ParkingDriver.blockOn(future, Duration.ofSeconds(5))).isEqualTo(expected);
            completer.join();
          }
        });
  }
}
