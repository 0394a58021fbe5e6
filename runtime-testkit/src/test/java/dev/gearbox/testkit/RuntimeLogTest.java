package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.spi.RuntimeLog;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RuntimeLog: an escaped failure goes to the application's handler, else to System.Logger. */
class RuntimeLogTest {

  @Test
  void anEscapedFailureIsLoggedAtErrorWhenNoHandlerIsSet() throws Exception {
    IllegalStateException boom = new IllegalStateException("escaped");
    try (LogRecords log = LogRecords.capture("dev.gearbox.test.runtimelog")) {
      Thread thread =
          Thread.ofPlatform()
              .name("runtime-log-test")
              .start(() -> RuntimeLog.uncaught("dev.gearbox.test.runtimelog", boom));
      thread.join();
      if (Thread.getDefaultUncaughtExceptionHandler() != null) {
        return; // the application's default handler takes it instead: nothing to log
      }
      assertThat(log.messages())
          .containsExactly(
              "SEVERE uncaught failure on thread 'runtime-log-test'; the thread carries on");
    }
  }

  @Test
  void anEscapedFailureGoesToTheThreadsOwnHandler() throws Exception {
    CompletableFuture<Throwable> handled = new CompletableFuture<>();
    IllegalStateException boom = new IllegalStateException("handled");
    try (LogRecords log = LogRecords.capture(RuntimeLog.RUNTIME)) {
      Thread thread =
          Thread.ofPlatform()
              .uncaughtExceptionHandler((t, failure) -> handled.complete(failure))
              .start(() -> RuntimeLog.uncaught(RuntimeLog.RUNTIME, boom));
      thread.join();
      assertThat(handled.getNow(null)).isSameAs(boom);
      assertThat(log.messages()).isEmpty();
    }
  }
}
