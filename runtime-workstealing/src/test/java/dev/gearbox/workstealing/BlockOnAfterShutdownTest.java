package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blockOn caller waiting on a timer is not left waiting when the runtime shuts down: it is woken
 * and throws RuntimeClosedException.
 */
class BlockOnAfterShutdownTest {

  @Test
  @Timeout(30)
  void aBlockOnWaitingOnASleepEndsWithRuntimeClosedExceptionAtShutdown() throws Exception {
    Runtime runtime =
        Runtimes.create(
            RuntimeConfig.of(
                Map.of(RuntimeConfig.RUNTIME_KEY, "workstealing", "gearbox.workers", "2")));
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Thread caller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    runtime.blockOn(Time.sleep(Duration.ofMinutes(10)));
                    outcome.complete("slept");
                  } catch (Throwable failure) {
                    outcome.completeExceptionally(failure);
                  }
                });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runtime.metrics().all().get("timers.pending") == 0) {
      assertThat(System.nanoTime()).as("the sleep was armed").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(runtime.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RuntimeClosedException.class)
        .hasMessageContaining("blockOn");
    caller.join();
  }
}
