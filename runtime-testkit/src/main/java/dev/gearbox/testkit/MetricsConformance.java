package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: every runtime reports the shared metrics that apply to it under their shared names
 * ({@link Metric#shared()}), names those that do not, prefixes its extras with its kind, and the
 * values move as a known workload says they must.
 */
public interface MetricsConformance extends ConformanceFixture {

  /**
   * Each shared metric is either described or declared not applicable, never both; extras carry the
   * runtime's kind as a prefix; the snapshot holds exactly the described metrics, in order, none
   * negative.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void reportsEverySharedMetricOrSaysItDoesNotApply() {
    Runtime runtime = runtime();
    RuntimeMetrics metrics = runtime.metrics();
    List<Metric> described = metrics.describe();
    Set<Metric> notApplicable = metrics.notApplicable();

    for (Metric shared : Metric.shared()) {
      assertThat(described.contains(shared) ^ notApplicable.contains(shared))
          .as("%s is either reported or not applicable on %s", shared.name(), runtime.kind())
          .isTrue();
    }
    Set<String> names = new HashSet<>();
    for (Metric metric : described) {
      assertThat(names.add(metric.name())).as("%s reported once", metric.name()).isTrue();
      if (!metric.isShared()) {
        assertThat(metric.name()).startsWith(runtime.kind() + ".");
      }
    }
    Map<String, Long> snapshot = metrics.snapshot();
    assertThat(snapshot.keySet())
        .containsExactlyElementsOf(described.stream().map(Metric::name).toList());
    assertThat(snapshot.values()).allSatisfy(value -> assertThat(value).isNotNegative());
    assertThat(metrics.value(Metric.POLLS.name())).hasValue(snapshot.get(Metric.POLLS.name()));
    assertThat(metrics.value("no.such.metric")).isEmpty();
  }

  /**
   * After {@code N} spawned tasks that each yield once have completed: spawned grew by N, polls by
   * at least 2N, alive is back to where it was, and no counter went down.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void countersFollowAKnownWorkload() {
    int tasks = 100;
    Runtime runtime = runtime();
    RuntimeMetrics metrics = runtime.metrics();
    Map<String, Long> before = metrics.snapshot();

    List<JoinHandle<Integer>> handles = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      int value = i;
      handles.add(runtime.spawn(Futures.yieldNow().map(ignored -> value)));
    }
    for (JoinHandle<Integer> handle : handles) {
      handle.join();
    }
    Await.until(
        WAIT,
        () -> metrics.aliveTasks() == before.get(Metric.TASKS_ALIVE.name()),
        () -> "alive tasks back to " + before + ", now " + metrics.snapshot());
    // A worker publishes its per-poll counts when it parks or at its next maintenance tick, which
    // may come after the joiner has woken.
    Await.until(
        WAIT,
        () -> metrics.polls() - before.get(Metric.POLLS.name()) >= 2L * tasks,
        () ->
            "polls of tasks that yield once to reach "
                + 2L * tasks
                + ", now "
                + metrics.snapshot());

    Map<String, Long> after = metrics.snapshot();
    assertThat(after.get(Metric.TASKS_SPAWNED.name()) - before.get(Metric.TASKS_SPAWNED.name()))
        .as("tasks spawned by the workload")
        .isEqualTo(tasks);
    assertThat(after.get(Metric.POLLS.name()) - before.get(Metric.POLLS.name()))
        .as("polls of tasks that yield once")
        .isGreaterThanOrEqualTo(2L * tasks);
    assertThat(metrics.workers()).isEqualTo(after.get(Metric.WORKERS.name()).intValue());
    for (Metric metric : metrics.describe()) {
      if (metric.kind() == Metric.Kind.COUNTER) {
        assertThat(after.get(metric.name()))
            .as("counter %s does not go down", metric.name())
            .isGreaterThanOrEqualTo(before.get(metric.name()));
      }
    }
  }

  /**
   * A task asleep counts in {@code timers.pending} and a running blocking task in {@code
   * blocking.threads}; the timer leaves the count once its task is aborted. (The blocking task also
   * keeps the simulated runtime's clock from jumping to the sleep's deadline.)
   *
   * @throws Exception if interrupted
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timersPendingWhileATaskSleeps() throws Exception {
    Runtime runtime = runtime();
    RuntimeMetrics metrics = runtime.metrics();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    JoinHandle<Boolean> blocking =
        runtime.spawnBlocking(
            () -> {
              started.countDown();
              return release.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            });
    try {
      assertThat(started.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
          .isTrue();
      assertThat(metrics.value(Metric.BLOCKING_THREADS.name()).orElse(1))
          .as("blocking threads while a blocking task runs")
          .isPositive();
      long timersBefore = value(metrics, Metric.TIMERS_PENDING);
      JoinHandle<Void> sleeper = runtime.spawn(Time.sleep(Duration.ofHours(1)));
      Await.until(
          WAIT,
          () -> value(metrics, Metric.TIMERS_PENDING) > timersBefore,
          () -> "a pending timer: " + metrics.snapshot());
      assertThat(metrics.aliveTasks()).isGreaterThanOrEqualTo(2);
      sleeper.abort();
      Await.until(
          WAIT,
          () -> value(metrics, Metric.TIMERS_PENDING) == timersBefore,
          () -> "the aborted sleep's timer gone: " + metrics.snapshot());
    } finally {
      release.countDown();
    }
    assertThat(blocking.join()).isTrue();
  }

  /**
   * A listener waiting in {@code accept} counts in {@code io.registrations} where the runtime
   * reports it, and leaves the count once its task is aborted and the listener closed.
   *
   * @throws IOException if the listener cannot be bound
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void ioRegistrationsWhileASocketWaits() throws IOException {
    Runtime runtime = runtime();
    RuntimeMetrics metrics = runtime.metrics();
    if (!metrics.describe().contains(Metric.IO_REGISTRATIONS)) {
      assertThat(metrics.notApplicable()).contains(Metric.IO_REGISTRATIONS);
      return;
    }
    long before = value(metrics, Metric.IO_REGISTRATIONS);
    try (TcpListener listener = TcpListener.bind(0)) {
      JoinHandle<?> accepting = runtime.spawn(listener.accept());
      Await.until(
          WAIT,
          () -> value(metrics, Metric.IO_REGISTRATIONS) > before,
          () -> "the waiting listener registered: " + metrics.snapshot());
      accepting.abort();
      try {
        accepting.join(); // joined, so the cancellation is not reported as an unjoined failure
      } catch (JoinException expected) {
        // cancelled
      }
    }
    Await.until(
        WAIT,
        () -> value(metrics, Metric.IO_REGISTRATIONS) == before,
        () -> "the listener deregistered: " + metrics.snapshot());
  }

  private static long value(RuntimeMetrics metrics, Metric metric) {
    return metrics.value(metric.name()).orElse(0);
  }
}
