package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import dev.gearbox.testkit.ConformanceFutures.HeldPoll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Conformance: shutdown cancels what is left, refuses new work, and leaves no thread behind. */
public interface ShutdownConformance extends ConformanceFixture {

  /**
   * Shutdown with pending tasks completes their handles as cancelled, drops each future once, and
   * ends every thread of the runtime.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownCancelsPendingTasksAndEndsThreads() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime();
    String prefix = threadNamePrefix(runtime);
    List<Gate> gates = new ArrayList<>();
    List<JoinHandle<String>> handles = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Gate gate = new Gate();
        gates.add(gate);
        handles.add(runtime.spawn(gate));
      }
      for (Gate gate : gates) {
        assertThat(gate.awaitFirstPoll()).isTrue();
      }
      JoinHandle<String> blocking = runtime.spawnBlocking(() -> "blocking done");
      assertThat(blocking.join(WAIT)).isEqualTo("blocking done");
      assertThat(ConformanceFixture.liveThreads(prefix, before))
          .as("threads named %s* while running", prefix)
          .isNotEmpty();
    } finally {
      assertThat(runtime.shutdown(WAIT)).as("terminated within %s", WAIT).isTrue();
    }
    assertThat(runtime.isShutdown()).isTrue();
    assertThat(runtime.isTerminated()).isTrue();
    for (int i = 0; i < handles.size(); i++) {
      JoinHandle<String> handle = handles.get(i);
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
      assertThat(cancelled).as("join of task %d", i).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(gates.get(i).drops.get()).as("drops of task %d", i).isEqualTo(1);
    }
    Await.until(
        WAIT,
        () -> ConformanceFixture.liveThreads(prefix, before).isEmpty(),
        () ->
            "no thread named "
                + prefix
                + "* left: "
                + ConformanceFixture.liveThreads(prefix, before));
  }

  /**
   * A task inside its poll at shutdown completes as cancelled once the poll returns.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownWhileTaskIsInsideItsPoll() throws Exception {
    Runtime runtime = createRuntime();
    HeldPoll held = new HeldPoll();
    JoinHandle<String> handle;
    try {
      handle = runtime.spawn(held);
      assertThat(held.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      runtime.shutdown();
      assertThat(runtime.isShutdown()).isTrue();
      assertThat(handle.isFinished()).isFalse();
    } finally {
      held.release.countDown();
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(held.drops.get()).isEqualTo(1);
  }

  /**
   * After shutdown, spawn, spawnBlocking and blockOn fail with RuntimeClosedException.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void workAfterShutdownIsRefused() throws Exception {
    Runtime runtime = createRuntime();
    assertThat(runtime.spawn(cx -> Poll.ready(1)).join(WAIT)).isEqualTo(1);
    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThatThrownBy(() -> runtime.spawn(cx -> Poll.ready(2)))
        .isInstanceOf(RuntimeClosedException.class);
    assertThatThrownBy(() -> runtime.spawnBlocking(() -> 3))
        .isInstanceOf(RuntimeClosedException.class);
    assertThatThrownBy(() -> runtime.blockOn(cx -> Poll.ready(4)))
        .isInstanceOf(RuntimeClosedException.class);
  }

  /**
   * Shutdown is idempotent, and close() after shutdown returns at once.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownIsIdempotent() throws Exception {
    Runtime runtime = createRuntime();
    assertThat(runtime.spawn(cx -> Poll.ready(1)).join(WAIT)).isEqualTo(1);
    runtime.shutdown();
    runtime.shutdown();
    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThat(runtime.shutdown(Duration.ZERO)).isTrue();
    runtime.close();
    assertThat(runtime.isTerminated()).isTrue();
  }
}
