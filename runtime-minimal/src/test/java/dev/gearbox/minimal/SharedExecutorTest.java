package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class SharedExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void runFromSeveralUserThreadsRunsTasksInParallel() throws Exception {
    try (SharedExecutor executor = new SharedExecutor()) {
      Signal done = new Signal();
      List<Thread> users = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        users.add(
            Thread.ofPlatform()
                .name("user-runner-" + i)
                .start(() -> executor.run(done.awaitFired())));
      }
      Await.until(WAIT, () -> executor.runners() == 3, "three runners");

      // Two tasks that can only finish when they run at the same time, on two threads.
      CountDownLatch bothInside = new CountDownLatch(2);
      List<JoinHandle<String>> pair = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pair.add(
            executor.spawn(
                cx -> {
                  bothInside.countDown();
                  if (!bothInside.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the other task never ran alongside");
                  }
                  return Poll.ready(Thread.currentThread().getName());
                }));
      }
      assertThat(pair.get(0).join(WAIT)).isNotEqualTo(pair.get(1).join(WAIT));

      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<JoinHandle<Integer>> many = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        int value = i;
        many.add(
            executor.spawn(
                cx -> {
                  threads.add(Thread.currentThread().getName());
                  return Poll.ready(value);
                }));
      }
      long sum = 0;
      for (JoinHandle<Integer> handle : many) {
        sum += handle.join(WAIT);
      }
      assertThat(sum).isEqualTo(20_000L * 19_999 / 2);
      assertThat(threads).allMatch(name -> name.startsWith("user-runner-"));

      done.fire();
      for (Thread user : users) {
        assertThat(user.join(WAIT)).isTrue();
      }
      assertThat(executor.runners()).isZero();
    }
  }

  @Test
  void tasksLeftInARunnersLocalQueueMoveToTheGlobalQueueWhenItLeaves() {
    try (SharedExecutor executor = new SharedExecutor()) {
      List<JoinHandle<Integer>> spawnedInside =
          executor.run(
              cx -> {
                List<JoinHandle<Integer>> handles = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                  int value = i;
                  handles.add(executor.spawn(inner -> Poll.ready(value)));
                }
                return Poll.ready(handles);
              });
      assertThat(executor.state().global.depth()).isEqualTo(1_000);
      long sum = 0;
      for (JoinHandle<Integer> handle : spawnedInside) {
        sum += executor.run(handle);
      }
      assertThat(sum).isEqualTo(1_000L * 999 / 2);
    }
  }

  @Test
  void runInsideATaskFailsInsteadOfBlockingTheRunner() {
    try (SharedExecutor executor = new SharedExecutor()) {
      JoinHandle<Throwable> nested =
          executor.spawn(
              cx -> {
                try {
                  executor.run(inner -> Poll.ready(1));
                  return Poll.ready(null);
                } catch (IllegalStateException expected) {
                  return Poll.ready(expected);
                }
              });
      assertThat(executor.run(nested))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SharedExecutor.run()")
          .hasMessageContaining(Thread.currentThread().getName());
    }
  }

  @Test
  void closeCancelsTasksAndRefusesWork() {
    SharedExecutor executor = new SharedExecutor();
    JoinHandle<Object> pending = executor.spawn(cx -> Poll.pending());
    executor.close();
    assertThat(executor.isClosed()).isTrue();
    assertThatThrownBy(pending::join)
        .isInstanceOfSatisfying(
            JoinException.class, failure -> assertThat(failure.isCancelled()).isTrue());
    assertThatThrownBy(() -> executor.spawn(cx -> Poll.ready(1)))
        .isInstanceOf(RuntimeClosedException.class);
    assertThatThrownBy(() -> executor.run(cx -> Poll.ready(1)))
        .isInstanceOf(RuntimeClosedException.class);
    executor.close();
  }

  @Test
  void runIsUninterruptibleAndKeepsTheInterruptStatus() throws Exception {
    try (SharedExecutor executor = new SharedExecutor()) {
      Signal release = new Signal();
      Thread.currentThread().interrupt();
      Thread releaser = Thread.ofPlatform().start(release::fire);
      executor.run(release.awaitFired());
      assertThat(Thread.interrupted()).isTrue();
      releaser.join(WAIT);
    }
  }

  @Test
  void nullArgumentsAreNamed() {
    try (SharedExecutor executor = new SharedExecutor()) {
      assertThatThrownBy(() -> executor.spawn(null)).hasMessageContaining("future");
      assertThatThrownBy(() -> executor.run(null)).hasMessageContaining("future");
    }
  }
}
