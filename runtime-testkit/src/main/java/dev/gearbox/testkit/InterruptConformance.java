package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: a task that leaves its thread's interrupt status set hands it to no other task, and
 * no thread of the runtime spins on it. Where the runtime has a worker-count key, these tests run
 * it with one worker, so that the next task runs on the thread the interrupting task left.
 */
public interface InterruptConformance extends ConformanceFixture {

  /** The worker-count key of the multi-threaded runtimes. */
  String WORKERS_KEY = "gearbox.workers";

  /** The blocking pool's thread limit, common to every runtime. */
  String BLOCKING_MAX_THREADS_KEY = "gearbox.blocking.maxThreads";

  /**
   * The task that runs right after one that interrupted its thread, on that thread, sees its
   * interrupt status clear.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void anInterruptLeftByATaskDoesNotReachTheNextTask() throws Exception {
    Runtime runtime = createRuntime(configWhereDeclared(WORKERS_KEY, "1"));
    try {
      for (int round = 0; round < 3; round++) {
        CompletableFuture<Thread> checkerThread = new CompletableFuture<>();
        CompletableFuture<Boolean> checkerSawInterrupt = new CompletableFuture<>();
        JoinHandle<Thread> interrupter =
            runtime.spawn(
                cx -> {
                  Thread.currentThread().interrupt();
                  // spawned from this task, it runs next on this worker, with no park between
                  Runtime.current()
                      .spawn(
                          cx2 -> {
                            checkerThread.complete(Thread.currentThread());
                            checkerSawInterrupt.complete(Thread.currentThread().isInterrupted());
                            return Poll.ready(null);
                          });
                  return Poll.ready(Thread.currentThread());
                });
        Thread interrupted = interrupter.join(WAIT);
        assertThat(checkerThread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
            .as("the next task ran on the interrupted thread")
            .isSameAs(interrupted);
        assertThat(checkerSawInterrupt.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
            .as("round %d: the next task saw the interrupt of the task before it", round)
            .isFalse();
      }
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * After a task interrupted its thread, the idle runtime's threads use next to no CPU: none spins
   * on the interrupt status (a park or select returns at once while it is set). This measures
   * spinning over a short idle window, not speed.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void anInterruptLeftByATaskDoesNotMakeAThreadSpin() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadCpuTimeSupported(), "thread CPU time is measurable here");
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    Map<String, String> oneWorker = configWhereDeclared(WORKERS_KEY, "1");
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Runtime runtime = createRuntime(oneWorker);
    String prefix = threadNamePrefix(runtime);
    try {
      JoinHandle<Integer> interrupter =
          runtime.spawn(
              cx -> {
                Thread.currentThread().interrupt();
                return Poll.ready(1);
              });
      assertThat(interrupter.join(WAIT)).isEqualTo(1);
      Await.until(
          WAIT,
          () -> runtime.metrics().aliveTasks() == 0,
          () -> "no task alive: " + runtime.metrics().all());
      long window = Duration.ofMillis(500).toNanos();
      Set<Thread> runtimeThreads = runtimeThreads(prefix, before);
      long cpuBefore = cpuNanos(threads, runtimeThreads);
      LockSupport.parkNanos(window);
      long used = cpuNanos(threads, runtimeThreads) - cpuBefore;
      assertThat(used)
          .as(
              "CPU time of %s over an idle window of %d ms after a task interrupted its thread",
              runtimeThreads, window / 1_000_000)
          .isLessThan(window / 50); // a spinning thread gets far more, even on a loaded machine
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * A blocking task that leaves its thread's interrupt status set hands it to no later blocking
   * task on that thread (the pool is limited to one thread, so the next task runs there).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void anInterruptLeftByABlockingTaskDoesNotReachTheNextOne() throws Exception {
    Runtime runtime = createRuntime(configWhereDeclared(BLOCKING_MAX_THREADS_KEY, "1"));
    assumeTrue(
        declares(runtime.kind(), BLOCKING_MAX_THREADS_KEY),
        runtime.kind() + " declares " + BLOCKING_MAX_THREADS_KEY);
    try {
      CountDownLatch release = new CountDownLatch(1);
      JoinHandle<Thread> interrupter =
          runtime.spawnBlocking(
              () -> {
                assertThat(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                Thread.currentThread().interrupt();
                return Thread.currentThread();
              });
      // queued behind the first on the pool's only thread
      JoinHandle<Boolean> checker =
          runtime.spawnBlocking(() -> Thread.currentThread().isInterrupted());
      JoinHandle<Thread> checkerThread = runtime.spawnBlocking(Thread::currentThread);
      release.countDown();
      Thread interrupted = interrupter.join(WAIT);
      assertThat(checker.join(WAIT))
          .as("the next blocking task saw the interrupt of the one before it")
          .isFalse();
      assertThat(checkerThread.join(WAIT)).isSameAs(interrupted);
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * {@code key=value} if the runtime under test declares {@code key}, else nothing.
   *
   * @param key a configuration key
   * @param value its value
   * @return the extra configuration
   */
  private Map<String, String> configWhereDeclared(String key, String value) {
    return declares(runtime().kind(), key) ? Map.of(key, value) : Map.of();
  }

  private static boolean declares(String kind, String key) {
    return Runtimes.provider(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind)))
        .configKeys()
        .stream()
        .anyMatch(declared -> declared.name().equals(key));
  }

  private static Set<Thread> runtimeThreads(String prefix, Set<Thread> before) {
    Set<Thread> found = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && !before.contains(thread) && thread.getName().startsWith(prefix)) {
        found.add(thread);
      }
    }
    return found;
  }

  private static long cpuNanos(ThreadMXBean threads, Set<Thread> of) {
    long total = 0;
    for (Thread thread : of) {
      total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
    }
    return total;
  }
}
