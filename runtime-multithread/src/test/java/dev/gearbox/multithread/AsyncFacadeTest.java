package dev.gearbox.multithread;

import static dev.gearbox.multithread.TestRuntimes.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Async;
import dev.gearbox.runtime.Runtime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The std-like facade of runtime-api, {@link Async}: outside every runtime it uses the default
 * runtime (here the multithread runtime, the only one installed), inside a runtime that runtime.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncFacadeTest {

  @Test
  void blockOnSleepAndSpawnRunOnTheDefaultRuntimeCreatedAtFirstUse() throws Exception {
    String slept = Async.blockOn(Async.sleep(Duration.ofMillis(10)).map(v -> "slept"));
    assertThat(slept).isEqualTo("slept");
    assertThat(Async.isDefaultRuntimeCreated()).isTrue();
    Runtime runtime = Async.defaultRuntime();
    assertThat(runtime.kind()).isEqualTo("multithread");
    assertThat(Async.defaultRuntime()).isSameAs(runtime);
    assertThat(Async.runtime()).isSameAs(runtime);

    assertThat(Async.spawn(cx -> Poll.ready(Runtime.current())).join(WAIT)).isSameAs(runtime);
    assertThat(Async.spawnBlocking(Runtime::current).join(WAIT)).isSameAs(runtime);
  }

  @Test
  void theDefaultRuntimeRunsOnDaemonThreadsSoAProgramCanEnd() throws Exception {
    assertThat(Async.spawn(cx -> Poll.ready(Thread.currentThread().isDaemon())).join(WAIT))
        .as("a worker of the default runtime is a daemon thread")
        .isTrue();
    assertThat(Async.spawnBlocking(() -> Thread.currentThread().isDaemon()).join(WAIT))
        .as("a blocking thread of the default runtime is a daemon thread")
        .isTrue();
  }

  @Test
  void insideATaskTheCallsStayOnThatTasksRuntime() throws Exception {
    try (Runtime other =
        TestRuntimes.create("gearbox.workers", "1", "gearbox.threadNamePrefix", "other-")) {
      Runtime child =
          other
              .spawn(Futures.lazy(() -> Async.spawn(cx -> Poll.ready(Runtime.current()))))
              .join(WAIT)
              .join(WAIT);
      assertThat(child).isSameAs(other);
      String blockingThread =
          other
              .spawn(
                  Futures.lazy(() -> Async.spawnBlocking(() -> Thread.currentThread().getName())))
              .join(WAIT)
              .join(WAIT);
      assertThat(blockingThread).startsWith("other-blocking-");
      assertThat(
              other
                  .spawn(
                      cx -> {
                        try {
                          Async.blockOn(Futures.ready(1));
                          return Poll.ready("blocked a worker");
                        } catch (IllegalStateException refused) {
                          return Poll.ready(refused.getMessage());
                        }
                      })
                  .join(WAIT))
          .contains("Async.blockOn()")
          .contains("await the future inside the task instead");
    }
  }

  @Test
  void sleepIsAFutureOnWhicheverRuntimePollsIt() {
    try (Runtime runtime = TestRuntimes.create("gearbox.workers", "1")) {
      String done = runtime.blockOn(Async.sleep(Duration.ofMillis(5)).map(v -> "done"));
      assertThat(done).isEqualTo("done");
    }
    assertThatThrownBy(() -> Async.sleep(null)).isInstanceOf(NullPointerException.class);
  }
}
