package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.sync.Oneshot;
import dev.gearbox.testkit.FailureFutures.LogCapture;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: the failure of a task nobody joined is counted ({@code unjoinedFailures}) and, by
 * default, logged once at WARNING with its stack trace; {@code gearbox.unjoinedFailure} switches to
 * {@code ignore} or {@code shutdown}; a joined failure and a cancellation are not reported.
 */
public interface UnjoinedFailureConformance extends ConformanceFixture {

  /** The configuration key of the policy. */
  String UNJOINED_FAILURE_KEY = "gearbox.unjoinedFailure";

  /**
   * A task that fails with nobody joined is logged once, at WARNING with the exception and the
   * task's id, and counted; joining it afterwards still throws its failure, and logs nothing more.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void unjoinedFailureIsLoggedOnceAndCounted() {
    Runtime runtime = runtime();
    IllegalStateException boom = new IllegalStateException("unjoined boom");
    try (LogCapture log = new LogCapture(UnjoinedFailureHandler.LOGGER_NAME)) {
      JoinHandle<Object> handle =
          runtime.spawn(
              cx -> {
                throw boom;
              });
      Await.until(WAIT, () -> unjoinedFailures(runtime) == 1, "unjoinedFailures to reach 1");
      Await.until(WAIT, () -> !log.about(boom).isEmpty(), "the failure to be logged");
      assertThatThrownBy(() -> handle.join(WAIT))
          .isInstanceOf(JoinException.class)
          .cause()
          .isSameAs(boom);
      Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "aliveTasks to drop to 0");

      assertThat(log.about(boom)).hasSize(1);
      LogRecord record = log.about(boom).getFirst();
      assertThat(record.getLevel().getName()).isEqualTo(Level.WARNING.getName());
      assertThat(record.getMessage()).contains(String.valueOf(handle.id()));
      assertThat(unjoinedFailures(runtime)).isEqualTo(1);
    }
  }

  /**
   * A failure that a task awaiting the handle, or a CompletableFuture bridge, was registered for
   * before it happened is theirs: not logged, not counted. A cancelled task is no failure.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void joinedFailuresAndCancellationsAreNotReported() {
    Runtime runtime = runtime();
    IllegalStateException awaited = new IllegalStateException("awaited boom");
    IllegalStateException bridged = new IllegalStateException("bridged boom");
    try (LogCapture log = new LogCapture(UnjoinedFailureHandler.LOGGER_NAME)) {
      Oneshot.Pair<Boolean> first = Oneshot.channel();
      JoinHandle<Object> awaitedTask = runtime.spawn(failWhenTriggered(first.receiver(), awaited));
      AtomicBoolean joinerPolled = new AtomicBoolean();
      Future<Object> joiner =
          cx -> {
            Poll<Object> poll = awaitedTask.poll(cx);
            joinerPolled.set(true);
            return poll;
          };
      CompletableFuture<String> joined =
          runtime
              .spawn(
                  joiner
                      .map(String::valueOf)
                      .recover(failure -> failure.getCause() == awaited ? "awaited" : "other"))
              .toCompletableFuture();
      Await.until(WAIT, joinerPolled::get, "the joiner to await the task");
      first.sender().send(true);
      assertThat(joined.join()).isEqualTo("awaited");

      Oneshot.Pair<Boolean> second = Oneshot.channel();
      CompletableFuture<Object> bridge =
          runtime.spawn(failWhenTriggered(second.receiver(), bridged)).toCompletableFuture();
      second.sender().send(true);
      assertThat(bridge).failsWithin(WAIT);

      JoinHandle<Object> cancelled = runtime.spawn(cx -> Poll.pending());
      cancelled.abort();
      Await.until(WAIT, cancelled::isFinished, "the aborted task to finish");

      Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "aliveTasks to drop to 0");
      assertThat(unjoinedFailures(runtime)).isZero();
      assertThat(log.about(awaited)).isEmpty();
      assertThat(log.about(bridged)).isEmpty();
    }
  }

  /** With {@code gearbox.unjoinedFailure=ignore} the failure is counted and not logged. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void ignorePolicyCountsWithoutLogging() {
    Runtime runtime = createRuntime(Map.of(UNJOINED_FAILURE_KEY, "ignore"));
    IllegalStateException boom = new IllegalStateException("ignored boom");
    try (LogCapture log = new LogCapture(UnjoinedFailureHandler.LOGGER_NAME)) {
      runtime.spawn(
          cx -> {
            throw boom;
          });
      Await.until(WAIT, () -> unjoinedFailures(runtime) == 1, "unjoinedFailures to reach 1");
      Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "aliveTasks to drop to 0");
      assertThat(log.about(boom)).isEmpty();
      assertThat(runtime.isShutdown()).isFalse();
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * With {@code gearbox.unjoinedFailure=shutdown} the failure is logged and the runtime shuts down:
   * its other tasks are cancelled.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownPolicyShutsTheRuntimeDown() {
    Runtime runtime = createRuntime(Map.of(UNJOINED_FAILURE_KEY, "shutdown"));
    IllegalStateException boom = new IllegalStateException("fatal boom");
    try (LogCapture log = new LogCapture(UnjoinedFailureHandler.LOGGER_NAME)) {
      JoinHandle<Object> bystander = runtime.spawn(cx -> Poll.pending());
      runtime.spawn(
          cx -> {
            throw boom;
          });
      Await.until(WAIT, runtime::isShutdown, "the runtime to shut down");
      assertThatThrownBy(() -> bystander.join(WAIT))
          .isInstanceOfSatisfying(
              JoinException.class, failure -> assertThat(failure.isCancelled()).isTrue());
      assertThat(log.about(boom)).hasSize(1);
      assertThat(unjoinedFailures(runtime)).isEqualTo(1);
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /** A value of the key that is not a policy is refused, naming the value and what is allowed. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void unknownPolicyIsRefusedClearly() {
    assertThatThrownBy(() -> createRuntime(Map.of(UNJOINED_FAILURE_KEY, "explode")).shutdown())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(UNJOINED_FAILURE_KEY + "=explode")
        .hasMessageContaining("log, ignore or shutdown");
  }

  /** The runtime's {@code unjoinedFailures} counter. */
  private static long unjoinedFailures(Runtime runtime) {
    return runtime.metrics().all().get("tasks.unjoined.failures");
  }

  /** Waits for {@code trigger}, then throws {@code failure}. */
  private static Future<Object> failWhenTriggered(Future<Boolean> trigger, Exception failure) {
    return cx -> {
      if (trigger.poll(cx).isPending()) {
        return Poll.pending();
      }
      throw failure;
    };
  }
}
