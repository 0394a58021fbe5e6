package dev.gearbox.multithread;

import static dev.gearbox.multithread.TestRuntimes.WAIT;
import static dev.gearbox.multithread.TestRuntimes.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.Await;
import dev.gearbox.time.Time;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** What the multithread runtime adds to the conformance suite: keys, idle CPU, metrics, pool. */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class MultithreadRuntimeTest {

  @Test
  void providerDeclaresAndValidatesItsKeys() {
    assertThat(Runtimes.available()).contains("multithread");
    assertThat(new MultithreadRuntimeProvider().configKeys())
        .extracting(ConfigKey::name)
        .containsExactly(
            "gearbox.workers",
            "gearbox.blocking.maxThreads",
            "gearbox.blocking.keepAlive",
            "gearbox.multithread.blockingThreshold",
            "gearbox.multithread.maxExtraWorkers",
            "gearbox.unjoinedFailure",
            "gearbox.spawnSite",
            "gearbox.time.paused",
            "gearbox.threadNamePrefix",
            "gearbox.jmx");
    assertThatThrownBy(() -> create("gearbox.workers", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.workers=0")
        .hasMessageContaining("1 to 1024");
    assertThatThrownBy(() -> create("gearbox.multithread.blockingThreshold", "500us"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.multithread.blockingThreshold=500us")
        .hasMessageContaining("PT0.001S");
    assertThatThrownBy(() -> create("gearbox.multithread.maxExtraWorkers", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.multithread.maxExtraWorkers=-1")
        .hasMessageContaining("0 to 10000");
  }

  @Test
  void theBuilderChecksEachSettingAndBuildsTheRuntime() {
    assertThatThrownBy(() -> MultithreadRuntimeProvider.builder().workers(0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.workers=0");
    assertThatThrownBy(() -> MultithreadRuntimeProvider.builder().blockingThreshold(Duration.ZERO))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.multithread.blockingThreshold=PT0S");
    try (Runtime runtime =
        MultithreadRuntimeProvider.builder()
            .workers(1)
            .blockingThreshold(Duration.ofMillis(20))
            .maxExtraWorkers(2)
            .blockingMaxThreads(4)
            .blockingKeepAlive(Duration.ofSeconds(1))
            .pausedClock(false)
            .threadNamePrefix("built-")
            .build()) {
      assertThat(runtime.kind()).isEqualTo("multithread");
      assertThat(runtime.metrics().workers()).isEqualTo(1);
      assertThat(runtime.spawn(cx -> Poll.ready(Thread.currentThread().getName())).join())
          .isEqualTo("built-worker-0");
    }
  }

  @Test
  void reportsItsMetrics() {
    try (Runtime runtime = create("gearbox.workers", "2")) {
      JoinHandle<String> slept = runtime.spawn(Time.sleep(Duration.ofMillis(20)).map(v -> "woke"));
      assertThat(slept.join()).isEqualTo("woke");
      Map<String, Long> metrics = runtime.metrics().all();
      assertThat(metrics)
          .containsKeys(
              "workers",
              "tasks.alive",
              "tasks.spawned",
              "polls",
              "parks",
              "multithread.workers.sleeping",
              "queue.global.depth",
              "queue.local.depth",
              "multithread.workers.replaced",
              "multithread.workers.retiring",
              "multithread.replacements.refused",
              "blocking.threads",
              "timers.pending");
      assertThat(metrics.get("workers")).isEqualTo(2L);
      assertThat(metrics.get("polls")).isPositive();
      assertThat(metrics.get("multithread.workers.replaced")).isZero();
    }
  }

  @Test
  void idleRuntimeUsesNoCpu() {
    String prefix = "idle-cpu-";
    Runtime runtime = create("gearbox.workers", "2", "gearbox.threadNamePrefix", prefix);
    try {
      List<JoinHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        int value = i;
        handles.add(runtime.spawn(cx -> Poll.ready(value)));
      }
      for (JoinHandle<Integer> handle : handles) {
        handle.join();
      }
      assertThat(runtime.spawnBlocking(() -> "blocking").join()).isEqualTo("blocking");
      runtime.spawn(Time.sleep(Duration.ofHours(1))); // a pending timer: the driver waits for it
      Await.until(
          WAIT,
          () -> {
            Map<String, Long> all = runtime.metrics().all();
            return all.get("tasks.alive") == 1
                && all.get("timers.pending") == 1
                && all.get("multithread.workers.sleeping") == 2;
          },
          () -> "both workers asleep, one timer pending: " + runtime.metrics().all());

      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      List<Thread> threads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().startsWith(prefix))
              .toList();
      // two workers, the monitor, the driver, one blocking thread
      assertThat(threads).hasSizeGreaterThanOrEqualTo(5);
      long before = cpuNanos(mx, threads);
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // the idle period being measured
      long used = cpuNanos(mx, threads) - before;
      assertThat(Duration.ofNanos(used))
          .as("CPU used by %s in one idle second", threads)
          .isLessThan(Duration.ofMillis(50));
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  private static long cpuNanos(ThreadMXBean mx, List<Thread> threads) {
    long total = 0;
    for (Thread thread : threads) {
      total += Math.max(0, mx.getThreadCpuTime(thread.threadId()));
    }
    return total;
  }

  /**
   * The blocking pool grows while queued work exceeds idle threads: with one idle thread, two
   * blocking tasks that each wait for the other both run (the second gets a thread of its own
   * instead of waiting behind the first).
   */
  @Test
  void blockingPoolGrowsWhileQueuedWorkExceedsIdleThreads() throws Exception {
    try (Runtime runtime = create("gearbox.workers", "1")) {
      runtime.spawnBlocking(() -> null).join(WAIT); // one pool thread, now idle
      Await.until(
          WAIT, () -> runtime.metrics().all().get("blocking.threads") == 1, "one blocking thread");
      CountDownLatch both = new CountDownLatch(2);
      List<JoinHandle<Boolean>> handles = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        handles.add(
            runtime.spawnBlocking(
                () -> {
                  both.countDown();
                  return both.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }));
      }
      for (JoinHandle<Boolean> handle : handles) {
        assertThat(handle.join(WAIT)).isTrue();
      }
    }
  }

  @Test
  void blockingPoolShrinksAfterItsKeepAlive() throws Exception {
    try (Runtime runtime = create("gearbox.workers", "1", "gearbox.blocking.keepAlive", "50ms")) {
      CountDownLatch all = new CountDownLatch(4);
      List<JoinHandle<Boolean>> handles = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        handles.add(
            runtime.spawnBlocking(
                () -> {
                  all.countDown();
                  return all.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }));
      }
      for (JoinHandle<Boolean> handle : handles) {
        assertThat(handle.join(WAIT)).isTrue();
      }
      Await.until(
          WAIT,
          () -> runtime.metrics().all().get("blocking.threads") == 0,
          () -> "the idle blocking threads to end: " + runtime.metrics().all());
    }
  }
}
