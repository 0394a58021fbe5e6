package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import dev.gearbox.testkit.ConformanceFutures.HeldPoll;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: shutdown cancels what is left, refuses new work, wakes the callers of {@code
 * blockOn}, and leaves no thread behind, also when it is called on one of the runtime's own
 * threads.
 */
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

  /**
   * {@code close()} called inside a task of the runtime returns (it shuts down without waiting for
   * the thread it runs on), and the runtime then terminates.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void closeInsideATaskReturnsAndTheRuntimeThenTerminates() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime();
    CompletableFuture<String> closed = new CompletableFuture<>();
    runtime.spawn(
        cx -> {
          closeCurrentRuntime(closed);
          return Poll.ready(null);
        });
    assertThat(closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("returned");
    assertTerminates(runtime, before);
  }

  /**
   * {@code close()} called inside a {@code spawnBlocking} call returns, and the runtime then
   * terminates.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void closeInsideABlockingCallReturnsAndTheRuntimeThenTerminates() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime();
    CompletableFuture<String> closed = new CompletableFuture<>();
    runtime.spawnBlocking(
        () -> {
          closeCurrentRuntime(closed);
          return null;
        });
    assertThat(closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("returned");
    assertTerminates(runtime, before);
  }

  /**
   * {@code shutdown(timeout)} called inside a task waits for the runtime's other threads, then
   * returns false (the runtime cannot terminate while the caller runs on it); the runtime then
   * terminates.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownWithTimeoutInsideATaskWaitsForTheOtherThreads() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime();
    String prefix = threadNamePrefix(runtime);
    CompletableFuture<Boolean> terminated = new CompletableFuture<>();
    CompletableFuture<List<String>> othersAlive = new CompletableFuture<>();
    runtime.spawn(
        cx -> {
          shutDownCurrentRuntime(prefix, before, terminated, othersAlive);
          return Poll.ready(null);
        });
    assertThat(terminated.get(WAIT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    assertThat(othersAlive.get()).as("the runtime's other threads alive on return").isEmpty();
    assertTerminates(runtime, before);
  }

  /**
   * {@code shutdown(timeout)} called inside a {@code spawnBlocking} call waits for the runtime's
   * other threads (not for its own), then returns false; the runtime then terminates.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownWithTimeoutInsideABlockingCallWaitsForTheOtherThreads() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime();
    String prefix = threadNamePrefix(runtime);
    CompletableFuture<Boolean> terminated = new CompletableFuture<>();
    CompletableFuture<List<String>> othersAlive = new CompletableFuture<>();
    runtime.spawnBlocking(
        () -> {
          shutDownCurrentRuntime(prefix, before, terminated, othersAlive);
          return null;
        });
    assertThat(terminated.get(WAIT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    assertThat(othersAlive.get()).as("the runtime's other threads alive on return").isEmpty();
    assertTerminates(runtime, before);
  }

  /**
   * A thread inside {@code blockOn}, waiting on a long sleep, is woken by a shutdown from another
   * thread and throws {@link RuntimeClosedException} within the deadline. A blocking task runs
   * meanwhile, so that a virtual clock does not jump to the sleep's end.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownWakesACallerOfBlockOnWithRuntimeClosedException() throws Exception {
    Runtime runtime = createRuntime();
    CountDownLatch releaseBlocking = new CountDownLatch(1);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread caller = null;
    try {
      runtime.spawnBlocking(() -> releaseBlocking.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      CountDownLatch sleeping = new CountDownLatch(1);
      Future<Void> sleep = Time.sleep(WAIT.multipliedBy(30));
      Future<Void> watched =
          cx -> {
            Poll<Void> poll = sleep.poll(cx);
            sleeping.countDown();
            return poll;
          };
      caller =
          Thread.ofPlatform()
              .name("conformance-blockOn-caller")
              .start(
                  () -> {
                    try {
                      outcome.complete(runtime.blockOn(watched));
                    } catch (Throwable failure) {
                      outcome.completeExceptionally(failure);
                    }
                  });
      assertThat(sleeping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      runtime.shutdown();
      ExecutionException failed =
          catchThrowableOfType(
              ExecutionException.class, () -> outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertThat(failed).as("blockOn ended with an exception").isNotNull();
      assertThat(failed.getCause()).isInstanceOf(RuntimeClosedException.class);
    } finally {
      releaseBlocking.countDown();
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
    caller.join(WAIT);
    assertThat(caller.isAlive()).isFalse();
  }

  /**
   * Closes the runtime of the calling thread; completes {@code outcome} with "returned" when close
   * returns, or with what it threw.
   *
   * @param outcome the outcome to complete
   */
  private static void closeCurrentRuntime(CompletableFuture<String> outcome) {
    try {
      Runtime.current().close();
      outcome.complete("returned");
    } catch (Throwable failure) {
      outcome.completeExceptionally(failure);
    }
  }

  /**
   * Shuts the runtime of the calling thread down with a timeout; completes {@code terminated} with
   * its result and {@code othersAlive} with the runtime's threads other than the caller still alive
   * when it returned.
   */
  private static void shutDownCurrentRuntime(
      String prefix,
      Set<Thread> before,
      CompletableFuture<Boolean> terminated,
      CompletableFuture<List<String>> othersAlive) {
    try {
      boolean result = Runtime.current().shutdown(WAIT);
      List<String> alive = new ArrayList<>(ConformanceFixture.liveThreads(prefix, before));
      alive.remove(Thread.currentThread().getName());
      othersAlive.complete(alive);
      terminated.complete(result);
    } catch (Throwable failure) {
      terminated.completeExceptionally(failure);
    }
  }

  /**
   * Checks that {@code runtime}, shut down, terminates: {@code shutdown(timeout)} from this thread
   * returns true and no thread of it is left.
   */
  private void assertTerminates(Runtime runtime, Set<Thread> before) {
    String prefix = threadNamePrefix(runtime);
    assertThat(runtime.isShutdown()).isTrue();
    assertThat(runtime.shutdown(WAIT)).as("terminated within %s", WAIT).isTrue();
    assertThat(runtime.isTerminated()).isTrue();
    Await.until(
        WAIT,
        () -> ConformanceFixture.liveThreads(prefix, before).isEmpty(),
        () ->
            "no thread named "
                + prefix
                + "* left: "
                + ConformanceFixture.liveThreads(prefix, before));
  }
}
