package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Conformance: failing polls, and blocking calls where they are not allowed. */
public interface FailureConformance extends ConformanceFixture {

  /** A poll that throws completes the handle with a JoinException carrying the cause. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void throwingPollFailsTheHandleWithItsCause() {
    IllegalStateException unchecked = new IllegalStateException("boom");
    JoinHandle<Object> first =
        runtime()
            .spawn(
                cx -> {
                  throw unchecked;
                });
    JoinException failed = catchThrowableOfType(JoinException.class, () -> first.join(WAIT));
    assertThat(failed).isNotNull();
    assertThat(failed.isFailed()).isTrue();
    assertThat(failed.isCancelled()).isFalse();
    assertThat(failed.getCause()).isSameAs(unchecked);

    IOException checked = new IOException("checked boom");
    JoinHandle<Object> second =
        runtime()
            .spawn(
                cx -> {
                  throw checked;
                });
    assertThatThrownBy(() -> second.join(WAIT))
        .isInstanceOf(JoinException.class)
        .cause()
        .isSameAs(checked);
  }

  /**
   * The untimed {@code join()} throws the JoinException itself, for a failed and for a cancelled
   * task (not wrapped, as {@code CompletableFuture.join} would).
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void untimedJoinThrowsTheJoinException() {
    IllegalStateException boom = new IllegalStateException("boom");
    JoinHandle<Object> failing =
        runtime()
            .spawn(
                cx -> {
                  throw boom;
                });
    assertThatThrownBy(failing::join).isInstanceOf(JoinException.class).cause().isSameAs(boom);
    JoinHandle<Object> pending = runtime().spawn(cx -> Poll.pending());
    pending.abort();
    assertThatThrownBy(pending::join)
        .isInstanceOfSatisfying(
            JoinException.class, failure -> assertThat(failure.isCancelled()).isTrue());
  }

  /**
   * 10,000 throwing tasks leave the workers alive: a task spawned afterwards still runs. (Most fail
   * before they are joined; {@code gearbox.unjoinedFailure=ignore} keeps them out of the log.)
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void throwingTasksLeaveWorkersAlive() throws Exception {
    Runtime runtime = createRuntime(Map.of("gearbox.unjoinedFailure", "ignore"));
    try {
      spawnThrowingTasks(runtime);
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  private static void spawnThrowingTasks(Runtime runtime) throws Exception {
    List<JoinHandle<Object>> handles = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int index = i;
      handles.add(
          runtime.spawn(
              cx -> {
                if (index % 2 == 0) {
                  throw new IllegalArgumentException("task " + index);
                }
                throw new AssertionError("error in task " + index);
              }));
    }
    for (JoinHandle<Object> handle : handles) {
      assertThatThrownBy(() -> handle.join(WAIT)).isInstanceOf(JoinException.class);
    }
    assertThat(runtime.spawn(cx -> Poll.ready("alive")).join(WAIT)).isEqualTo("alive");
    Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "aliveTasks() to drop to 0");
  }

  /**
   * blockOn inside a task fails at once with an IllegalStateException that says why.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnInsideTaskFails() throws Exception {
    Runtime runtime = runtime();
    JoinHandle<Throwable> handle =
        runtime.spawn(
            cx -> {
              try {
                runtime.blockOn(inner -> Poll.ready("nested"));
                return Poll.ready(null);
              } catch (Throwable failure) {
                return Poll.ready(failure);
              }
            });
    assertThat(handle.join(WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("blockOn");
    Throwable insideBlockOn =
        runtime.blockOn(
            cx -> {
              try {
                runtime.blockOn(inner -> Poll.ready("nested"));
                return Poll.ready(null);
              } catch (Throwable failure) {
                return Poll.ready(failure);
              }
            });
    assertThat(insideBlockOn).isInstanceOf(IllegalStateException.class);
  }

  /**
   * join() inside a task fails with an IllegalStateException instead of blocking a worker.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockingJoinInsideTaskFails() throws Exception {
    Runtime runtime = runtime();
    JoinHandle<String> other = runtime.spawn(cx -> Poll.ready("other"));
    JoinHandle<Throwable> handle =
        runtime.spawn(
            cx -> {
              try {
                other.join();
                return Poll.ready(null);
              } catch (Throwable failure) {
                return Poll.ready(failure);
              }
            });
    assertThat(handle.join(WAIT)).isInstanceOf(IllegalStateException.class);
  }

  /** blockOn throws an unchecked failure of its future as is, and wraps a checked one. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnPropagatesFailures() {
    IllegalArgumentException unchecked = new IllegalArgumentException("bad");
    assertThatThrownBy(
            () ->
                runtime()
                    .blockOn(
                        cx -> {
                          throw unchecked;
                        }))
        .isSameAs(unchecked);
    IOException checked = new IOException("io");
    assertThatThrownBy(
            () ->
                runtime()
                    .blockOn(
                        cx -> {
                          throw checked;
                        }))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isSameAs(checked);
  }

  /** Null arguments fail at once with a NullPointerException naming the parameter. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void nullArgumentsFailAtOnce() {
    Runtime runtime = runtime();
    assertThatThrownBy(() -> runtime.spawn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("future");
    assertThatThrownBy(() -> runtime.blockOn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("future");
    assertThatThrownBy(() -> runtime.spawnBlocking(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("task");
  }
}
