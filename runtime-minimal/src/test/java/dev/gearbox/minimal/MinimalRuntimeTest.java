package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.RuntimeConfig;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class MinimalRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Runtime create(String prefix, int workers) {
    return Runtimes.create(
        RuntimeConfig.of(
            Map.of(
                RuntimeConfig.RUNTIME_KEY,
                "minimal",
                "gearbox.workers",
                Integer.toString(workers),
                "gearbox.threadNamePrefix",
                prefix)));
  }

  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .toList();
  }

  @Test
  void runnerThreadsStartAtTheFirstSpawn() throws Exception {
    Runtime runtime = create("lazy-start-", 2);
    try {
      assertThat(runtime.<String>blockOn(cx -> Poll.ready("no spawn yet")))
          .isEqualTo("no spawn yet");
      assertThat(threadsNamed("lazy-start-")).isEmpty();
      assertThat(runtime.metrics().workers()).isZero();

      assertThat(runtime.spawn(cx -> Poll.ready(1)).join(WAIT)).isEqualTo(1);
      assertThat(threadsNamed("lazy-start-worker-")).hasSize(2);
      assertThat(runtime.metrics().workers()).isEqualTo(2);
      runtime.spawn(cx -> Poll.ready(2)).join(WAIT);
      assertThat(threadsNamed("lazy-start-worker-")).hasSize(2);
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
    assertThat(threadsNamed("lazy-start-")).isEmpty();
  }

  @Test
  void withZeroWorkersCallersOfBlockOnRunTheTasks() throws Exception {
    Runtime runtime = create("zero-workers-", 0);
    try {
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      JoinHandle<String> handle =
          runtime.spawn(
              cx -> {
                ranOn.set(Thread.currentThread());
                return Poll.ready("ran");
              });
      assertThat(runtime.blockOn(handle)).isEqualTo("ran");
      assertThat(ranOn.get()).isSameAs(Thread.currentThread());
      assertThat(threadsNamed("zero-workers-")).isEmpty();
      assertThat(runtime.metrics().workers()).isZero();
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void blockOnFromSeveralThreadsRunsTasksInParallel() throws Exception {
    Runtime runtime = create("parallel-block-on-", 0);
    try {
      CountDownLatch bothInside = new CountDownLatch(2);
      List<JoinHandle<String>> pair = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pair.add(
            runtime.spawn(
                cx -> {
                  bothInside.countDown();
                  if (!bothInside.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the other task never ran alongside");
                  }
                  return Poll.ready(Thread.currentThread().getName());
                }));
      }
      List<AtomicReference<String>> results =
          List.of(new AtomicReference<>(), new AtomicReference<>());
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        JoinHandle<String> handle = pair.get(i);
        AtomicReference<String> result = results.get(i);
        callers.add(
            Thread.ofPlatform()
                .name("block-on-caller-" + i)
                .start(() -> result.set(runtime.blockOn(handle))));
      }
      for (Thread caller : callers) {
        assertThat(caller.join(WAIT)).isTrue();
      }
      assertThat(results.get(0).get()).startsWith("block-on-caller-");
      assertThat(results.get(0).get()).isNotEqualTo(results.get(1).get());
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void idleRuntimeUsesNoCpu() throws Exception {
    String prefix = "idle-cpu-";
    Runtime runtime = create(prefix, 2);
    try {
      List<JoinHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        int value = i;
        handles.add(runtime.spawn(cx -> Poll.ready(value)));
      }
      for (JoinHandle<Integer> handle : handles) {
        handle.join(WAIT);
      }
      assertThat(runtime.spawnBlocking(() -> "blocking").join(WAIT)).isEqualTo("blocking");
      runtime.spawn(Time.sleep(Duration.ofHours(1))); // a pending timer: the driver waits for it
      Await.until(
          WAIT,
          () -> {
            Map<String, Long> all = runtime.metrics().all();
            return all.get("tasks.alive") == 1
                && all.get("timers.pending") == 1
                && all.get("minimal.runners.sleeping") == 2;
          },
          () -> "both runners asleep, one timer pending: " + runtime.metrics().all());

      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      List<Thread> threads = threadsNamed(prefix);
      assertThat(threads).hasSizeGreaterThanOrEqualTo(3); // two runners, one blocking thread
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
      long nanos = mx.getThreadCpuTime(thread.threadId());
      total += Math.max(0, nanos);
    }
    return total;
  }

  @Test
  void badConfigurationNamesTheKeyAndTheRange() {
    assertThatThrownBy(() -> create("bad-", 2_000))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.workers=2000")
        .hasMessageContaining("0 to 1024");
  }

  @Test
  void providerDeclaresItsKeys() {
    MinimalRuntimeProvider provider = new MinimalRuntimeProvider();
    assertThat(provider.kind()).isEqualTo("minimal");
    assertThat(provider.configKeys())
        .extracting(ConfigKey::name)
        .containsExactly(
            "gearbox.workers",
            "gearbox.blocking.maxThreads",
            "gearbox.blocking.keepAlive",
            "gearbox.unjoinedFailure",
            "gearbox.spawnSite",
            "gearbox.threadNamePrefix",
            "gearbox.time.paused",
            "gearbox.jmx");
    assertThat(Runtimes.available()).contains("minimal");
  }

  @Test
  void metricsCountTasksAndPolls() throws Exception {
    Runtime runtime = create("metrics-", 1);
    try {
      for (int i = 0; i < 100; i++) {
        runtime.spawn(cx -> Poll.ready(1)).join(WAIT);
      }
      runtime.spawnBlocking(() -> 1).join(WAIT);
      Await.until(WAIT, () -> runtime.metrics().aliveTasks() == 0, "no alive task");
      assertThat(runtime.metrics().spawnedTasks()).isEqualTo(101);
      // a runner publishes its poll count in batches, at the latest when it parks
      Await.until(
          WAIT,
          () -> runtime.metrics().polls() >= 100,
          () -> "100 polls, counted " + runtime.metrics().polls());
      assertThat(runtime.metrics().all())
          .containsKeys(
              "workers", "polls", "minimal.runners", "queue.global.depth", "blocking.threads");
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  void aBusyRunnerPublishesItsPollsWithoutParking() throws Exception {
    Runtime runtime = create("busy-", 1);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      // always woken, so the one runner always has a task and never parks
      JoinHandle<Integer> spinner =
          runtime.spawn(
              cx -> {
                if (stop.get()) {
                  return Poll.ready(1);
                }
                cx.waker().wake();
                return Poll.pending();
              });
      Await.until(
          WAIT,
          () -> runtime.metrics().polls() >= 1000,
          () -> "1000 polls of a spinning task, counted " + runtime.metrics().polls());
      stop.set(true);
      assertThat(spinner.join(WAIT)).isEqualTo(1);
    } finally {
      stop.set(true);
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void refusedWorkNamesTheRuntime() {
    Runtime runtime = create("closed-", 1);
    runtime.shutdown();
    assertThatThrownBy(() -> runtime.spawn(cx -> Poll.ready(1)))
        .isInstanceOf(RuntimeClosedException.class)
        .hasMessageContaining("minimal");
    assertThat(runtime.shutdown(WAIT)).isTrue();
  }
}
