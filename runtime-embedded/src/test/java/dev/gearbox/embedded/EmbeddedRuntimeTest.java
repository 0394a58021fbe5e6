package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded kind through the Runtime API: its pool size and task counts, shutdown of queued
 * tasks, and embedded time inside its tasks.
 */
class EmbeddedRuntimeTest {

  private static Runtime create(Map<String, String> config) {
    Map<String, String> all = new java.util.HashMap<>(config);
    all.put(RuntimeConfig.RUNTIME_KEY, "embedded");
    return Runtimes.create(RuntimeConfig.of(all));
  }

  @Test
  @Timeout(60)
  void spawningPastThePoolFailsNamingTheKeyToRaise() throws Exception {
    try (Runtime runtime = create(Map.of("gearbox.embedded.poolSize", "3"))) {
      Signal<String> release = new Signal<>();
      List<JoinHandle<String>> handles = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        handles.add(runtime.spawn(release.next()));
      }
      assertThatThrownBy(() -> runtime.spawn(cx -> Poll.ready("fourth")))
          .isInstanceOf(SpawnError.class)
          .hasMessageContaining("all 3 of its tasks are alive")
          .hasMessageContaining("raise gearbox.embedded.poolSize (now 3)");
      for (int i = 0; i < 3; i++) {
        release.signal("go");
        Await.until(() -> !release.isSignaled(), "signal taken");
      }
      for (JoinHandle<String> handle : handles) {
        assertThat(handle.join(java.time.Duration.ofSeconds(30))).isEqualTo("go");
      }
      Await.until(() -> runtime.metrics().aliveTasks() == 0, "tasks released");
      assertThat(runtime.spawn(cx -> Poll.ready("again")).join()).isEqualTo("again");
    }
  }

  @Test
  @Timeout(60)
  void spawnsFromTheExecutorThreadAreCountedExactly() {
    try (Runtime runtime = create(Map.of("gearbox.embedded.poolSize", "3"))) {
      Signal<String> release = new Signal<>();
      String refused =
          runtime.blockOn(
              cx -> {
                for (int i = 0; i < 3; i++) {
                  Task.spawn(release.next());
                }
                try {
                  Task.spawn(ready -> Poll.ready("fourth"));
                  return Poll.ready("spawned a fourth");
                } catch (SpawnError expected) {
                  return Poll.ready(expected.getMessage());
                }
              });
      assertThat(refused).contains("raise gearbox.embedded.poolSize (now 3)");
      assertThat(runtime.metrics().spawnedTasks()).isEqualTo(3);
      assertThat(runtime.metrics().aliveTasks()).isEqualTo(3);
    }
  }

  /**
   * Threads outside the runtime and the executor's own tasks spawn at once into a pool of 4: the
   * tasks alive (counted inside them, and by the metrics) never exceed 4, the spawns past it fail
   * with a SpawnError, every accepted task completes, and the pool is whole again afterwards.
   */
  @Test
  @Timeout(120)
  void concurrentSpawnsNeverExceedThePool() throws Exception {
    int poolSize = 4;
    try (Runtime runtime = create(Map.of("gearbox.embedded.poolSize", String.valueOf(poolSize)))) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger mostInside = new AtomicInteger();
      AtomicInteger mostAlive = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      AtomicInteger childrenRefused = new AtomicInteger();
      java.util.Queue<JoinHandle<Integer>> accepted =
          new java.util.concurrent.ConcurrentLinkedQueue<>();
      int threads = 6;
      int spawnsPerThread = 2_000;
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Thread> spawners = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread spawner =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 0; i < spawnsPerThread; i++) {
                    try {
                      accepted.add(
                          runtime.spawn(
                              new CountedTask(inside, mostInside, childrenRefused, i % 8 == 0)));
                      mostAlive.accumulateAndGet((int) runtime.metrics().aliveTasks(), Math::max);
                    } catch (SpawnError full) {
                      refused.incrementAndGet();
                      Thread.yield();
                    }
                  }
                });
        spawner.start();
        spawners.add(spawner);
      }
      start.countDown();
      for (Thread spawner : spawners) {
        spawner.join();
      }
      for (JoinHandle<Integer> handle : accepted) {
        assertThat(handle.join(java.time.Duration.ofSeconds(30))).isEqualTo(1);
      }
      assertThat(accepted.size() + refused.get()).isEqualTo(threads * spawnsPerThread);
      assertThat(accepted).isNotEmpty();
      assertThat(refused.get()).isPositive();
      assertThat(mostInside.get()).isLessThanOrEqualTo(poolSize);
      assertThat(mostAlive.get()).isLessThanOrEqualTo(poolSize);
      Await.until(() -> runtime.metrics().aliveTasks() == 0, "every task released");
      Signal<String> release = new Signal<>();
      List<JoinHandle<String>> again = new ArrayList<>();
      for (int i = 0; i < poolSize; i++) {
        again.add(runtime.spawn(release.next()));
      }
      assertThatThrownBy(() -> runtime.spawn(cx -> Poll.ready("one too many")))
          .isInstanceOf(SpawnError.class);
      for (int i = 0; i < poolSize; i++) {
        release.signal("go");
        Await.until(() -> !release.isSignaled(), "signal taken");
      }
      for (JoinHandle<String> handle : again) {
        assertThat(handle.join(java.time.Duration.ofSeconds(30))).isEqualTo("go");
      }
    }
  }

  /**
   * A task that counts itself alive from its first poll until it returns Ready, yields a few times
   * meanwhile, and (when asked) tries to spawn a child from the executor thread.
   */
  private static final class CountedTask implements Future<Integer> {
    private final AtomicInteger inside;
    private final AtomicInteger mostInside;
    private final AtomicInteger childrenRefused;
    private final boolean spawnsChild;
    private int polls;

    CountedTask(
        AtomicInteger inside,
        AtomicInteger mostInside,
        AtomicInteger childrenRefused,
        boolean spawnsChild) {
      this.inside = inside;
      this.mostInside = mostInside;
      this.childrenRefused = childrenRefused;
      this.spawnsChild = spawnsChild;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
      if (polls++ == 0) {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        if (spawnsChild) {
          try {
            Task.spawn(new CountedTask(inside, mostInside, childrenRefused, false));
          } catch (SpawnError full) {
            childrenRefused.incrementAndGet();
          }
        }
      }
      if (polls < 4) {
        cx.waker().wake();
        return Poll.pending();
      }
      inside.decrementAndGet();
      return Poll.ready(1);
    }
  }

  @Test
  @Timeout(60)
  void theCountsFollowSpawnsFromEveryThread() {
    try (Runtime runtime = create(Map.of())) {
      List<JoinHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int index = i;
        handles.add(runtime.spawn(cx -> Poll.ready(index)));
      }
      int inside =
          runtime.blockOn(
              cx -> {
                for (int i = 0; i < 50; i++) {
                  Task.spawn(ready -> Poll.ready(0));
                }
                return Poll.ready(50);
              });
      for (JoinHandle<Integer> handle : handles) {
        handle.join();
      }
      assertThat(runtime.metrics().spawnedTasks()).isEqualTo(50 + inside);
      Await.until(() -> runtime.metrics().aliveTasks() == 0, "every task finished");
    }
  }

  @Test
  @Timeout(60)
  void shutdownCancelsATaskThatIsAlwaysQueued() throws Exception {
    Runtime runtime = create(Map.of());
    AtomicInteger drops = new AtomicInteger();
    AtomicInteger polls = new AtomicInteger();
    JoinHandle<Void> yielder =
        runtime.spawn(
            new Future<Void>() {
              @Override
              public Poll<Void> poll(Context cx) {
                polls.incrementAndGet();
                cx.waker().wake(); // always queued again: never waits, never in the task set
                return Poll.pending();
              }

              @Override
              public void drop() {
                drops.incrementAndGet();
              }
            });
    Await.until(() -> polls.get() > 10, "the task yields");
    assertThat(runtime.shutdown(java.time.Duration.ofSeconds(30))).isTrue();
    assertThatThrownBy(yielder::join)
        .isInstanceOf(JoinException.class)
        .satisfies(failed -> assertThat(((JoinException) failed).isCancelled()).isTrue());
    assertThat(drops.get()).isEqualTo(1);
    assertThat(runtime.metrics().aliveTasks()).isZero();
  }

  /**
   * Shutdown closes the executor, then the driver, while the executor may be on its way into its
   * idle wait: a signal sent while the driver was open goes to the selector, and a wait that starts
   * after the driver closed parks the thread instead, so the wait must look again at what the
   * signal announced. Each round shuts a runtime down while its executor goes idle after a task
   * (before the fix, about one round in a few thousand hung under load).
   */
  @Test
  @Timeout(120)
  void shutdownWhileTheExecutorGoesIdleAlwaysTerminates() {
    long end = System.nanoTime() + 5_000_000_000L; // a bound on time as well as on count
    for (int round = 0; round < 5_000 && System.nanoTime() < end; round++) {
      Runtime runtime = create(Map.of());
      runtime.spawn(cx -> Poll.ready(null));
      assertThat(runtime.shutdown(java.time.Duration.ofSeconds(20)))
          .as("round %d terminated", round)
          .isTrue();
    }
  }

  @Test
  void badBlockOnSpinsAreRefusedWithTheKeyAndTheRange() {
    assertThatThrownBy(() -> create(Map.of("gearbox.embedded.blockOnSpinMicros", "-1")))
        .hasMessageContaining("gearbox.embedded.blockOnSpinMicros=-1")
        .hasMessageContaining("an integer from 0 to 10000");
  }

  /** With and without the spin, blockOn returns a future's output, and parks for a long one. */
  @Test
  @Timeout(60)
  void blockOnWaitsWithAndWithoutTheSpin() {
    for (String spin : List.of("0", "50", "10000")) {
      try (Runtime runtime = create(Map.of("gearbox.embedded.blockOnSpinMicros", spin))) {
        Future<String> atOnce = cx -> Poll.ready("at once");
        Future<String> later = TickTimer.after(TickDuration.ofMillis(30)).map(done -> "later");
        assertThat(runtime.blockOn(atOnce)).isEqualTo("at once");
        assertThat(runtime.blockOn(later)).isEqualTo("later");
      }
    }
  }

  @Test
  void badPoolSizesAreRefusedWithTheKey() {
    assertThatThrownBy(() -> create(Map.of("gearbox.embedded.poolSize", "0")))
        .hasMessageContaining("gearbox.embedded.poolSize");
  }

  @Test
  @Timeout(60)
  void embeddedTimersAndTheRuntimeClockAgree() throws Exception {
    try (Runtime runtime = create(Map.of("gearbox.time.paused", "true"))) {
      TickTimer timer = TickTimer.after(TickDuration.ofSeconds(3600));
      long before = runtime.clock().nanoTime();
      runtime.blockOn(
          Futures.join(timer, dev.gearbox.time.Time.sleep(java.time.Duration.ofHours(2))));
      long elapsed = runtime.clock().nanoTime() - before;
      assertThat(elapsed).isGreaterThanOrEqualTo(java.time.Duration.ofHours(2).toNanos());
    }
  }

  @Test
  @Timeout(60)
  void onAPausedClockTimeJumpsToAnEmbeddedTimerToo() {
    try (Runtime runtime = create(Map.of("gearbox.time.paused", "true"))) {
      long before = runtime.clock().nanoTime();
      runtime.blockOn(TickTimer.after(TickDuration.ofSeconds(600)));
      assertThat(runtime.clock().nanoTime() - before).isGreaterThanOrEqualTo(600_000_000_000L);
    }
  }

  @Test
  @Timeout(60)
  void pooledTasksAndRuntimeTasksShareTheSystemClock() {
    try (Runtime runtime = create(Map.of())) {
      TickTimer timer = TickTimer.after(TickDuration.ofMillis(20));
      long start = System.nanoTime();
      runtime.blockOn(timer);
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
    }
  }
}
