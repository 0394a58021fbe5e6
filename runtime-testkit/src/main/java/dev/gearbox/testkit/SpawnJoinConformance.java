package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.testkit.ConformanceFutures.Deferred;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import dev.gearbox.testkit.ConformanceFutures.SumAll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Conformance: spawning, joining, the current runtime, blocking tasks. */
public interface SpawnJoinConformance extends ConformanceFixture {

  /** Spawns 100,000 tasks from outside the runtime and awaits them all in blockOn. */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void spawnAndJoinOneHundredThousandTasks() {
    Runtime runtime = runtime();
    int count = 100_000;
    List<JoinHandle<Integer>> handles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int value = i;
      handles.add(runtime.spawn(cx -> Poll.ready(value)));
    }
    long sum = runtime.blockOn(new SumAll(handles));
    assertThat(sum).isEqualTo((long) count * (count - 1) / 2);
    assertThat(handles).allMatch(JoinHandle::isFinished);
    assertThat(runtime.metrics().spawnedTasks()).isGreaterThanOrEqualTo(count);
    Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "aliveTasks() to drop to 0");
  }

  /**
   * A task spawns 10,000 children with {@code Task.spawn} and awaits them.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void tasksSpawnTasks() throws Exception {
    int count = 10_000;
    JoinHandle<Long> parent =
        runtime()
            .spawn(
                new Deferred<>(
                    () -> {
                      List<JoinHandle<Integer>> children = new ArrayList<>(count);
                      for (int i = 0; i < count; i++) {
                        int value = i;
                        children.add(Task.spawn(cx -> Poll.ready(value)));
                      }
                      return new SumAll(children);
                    }));
    assertThat(parent.join(WAIT)).isEqualTo((long) count * (count - 1) / 2);
  }

  /**
   * Joins a task from a thread outside the runtime, blocking until another thread releases it.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void joinFromForeignThread() throws Exception {
    Gate gate = new Gate();
    JoinHandle<String> handle = runtime().spawn(gate);
    AtomicReference<Object> joined = new AtomicReference<>();
    Thread joiner =
        Thread.ofPlatform()
            .name("conformance-joiner")
            .start(
                () -> {
                  try {
                    joined.set(handle.join(WAIT));
                  } catch (Throwable failure) {
                    joined.set(failure);
                  }
                });
    assertThat(gate.awaitFirstPoll()).as("first poll").isTrue();
    assertThat(handle.isFinished()).isFalse();
    gate.release();
    joiner.join(WAIT);
    assertThat(joined.get()).isEqualTo("open");
  }

  /**
   * {@code toCompletableFuture} completes with the output, or with the JoinException.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void toCompletableFutureBridgesOutcomes() throws Exception {
    CompletableFuture<String> ok = runtime().spawn(cx -> Poll.ready("done")).toCompletableFuture();
    assertThat(ok.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Object> failed =
        runtime()
            .spawn(
                cx -> {
                  throw boom;
                })
            .toCompletableFuture();
    assertThatThrownBy(() -> failed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(JoinException.class)
        .cause()
        .isSameAs(boom);
  }

  /**
   * Inside tasks, blockOn and spawnBlocking, {@code Runtime.current()} is the runtime.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void currentRuntimeIsVisibleInsideTasks() throws Exception {
    Runtime runtime = runtime();
    Runtime inTask = runtime.spawn(cx -> Poll.ready(Runtime.current())).join(WAIT);
    Runtime inBlocking = runtime.spawnBlocking(Runtime::current).join(WAIT);
    Runtime inBlockOn = runtime.<Runtime>blockOn(cx -> Poll.ready(Runtime.current()));
    assertThat((Object) inTask).as("Runtime.current() in a task").isSameAs(runtime);
    assertThat((Object) inBlocking).as("Runtime.current() in spawnBlocking").isSameAs(runtime);
    assertThat((Object) inBlockOn).as("Runtime.current() in blockOn").isSameAs(runtime);
    assertThat(Runtime.tryCurrent()).isEmpty();
  }

  /**
   * spawnBlocking runs the callable on another thread; its handle joins and can be awaited.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void spawnBlockingRunsAndJoins() throws Exception {
    Runtime runtime = runtime();
    Thread caller = Thread.currentThread();
    JoinHandle<Thread> handle = runtime.spawnBlocking(Thread::currentThread);
    assertThat(handle.join(WAIT)).isNotSameAs(caller);
    JoinHandle<Integer> awaited =
        runtime.spawn(new Deferred<>(() -> Task.spawnBlocking(() -> 6 * 7)));
    assertThat(awaited.join(WAIT)).isEqualTo(42);
  }
}
