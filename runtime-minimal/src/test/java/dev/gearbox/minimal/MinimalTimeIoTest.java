package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.Task;
import dev.gearbox.testkit.Await;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Who drives the minimal runtime's timers and reactor, beyond what the conformance suite checks.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class MinimalTimeIoTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Runtime create(String prefix, int workers, boolean paused) {
    Map<String, String> config = new HashMap<>();
    config.put(RuntimeConfig.RUNTIME_KEY, "minimal");
    config.put("gearbox.workers", Integer.toString(workers));
    config.put("gearbox.threadNamePrefix", prefix);
    config.put("gearbox.time.paused", Boolean.toString(paused));
    return Runtimes.create(RuntimeConfig.of(config));
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.isAlive() && thread.getName().equals(name));
  }

  @Test
  void withoutRunnersTheCallerOfBlockOnDrivesTimers() {
    Runtime runtime = create("caller-drives-", 0, false);
    try {
      JoinHandle<String> sleeper =
          runtime.spawn(Time.sleep(Duration.ofMillis(10)).map(ignored -> "slept"));
      assertThat(runtime.blockOn(sleeper)).isEqualTo("slept");
      assertThat(threadAlive("caller-drives-driver")).as("no fallback thread needed").isFalse();
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void withNoThreadInTheExecutorTheFallbackThreadFiresTimers() {
    Runtime runtime = create("fallback-", 0, false);
    AtomicBoolean polledOnce = new AtomicBoolean();
    try {
      JoinHandle<String> sleeper =
          runtime.spawn(
              Futures.lazy(() -> polledOnce.getAndSet(true))
                  .andThen(Time.sleep(Duration.ofMillis(20)))
                  .map(ignored -> "woken"));
      runtime.blockOn(Futures.repeat(10, i -> Futures.yieldNow())); // the caller runs it once
      assertThat(polledOnce).as("the sleeper was polled").isTrue();
      // No thread runs the executor now: the fallback thread fires the timer, queueing the task.
      Await.until(
          WAIT,
          () -> runtime.metrics().all().get("queue.global.depth") == 1,
          () -> "the sleeper woken and queued: " + runtime.metrics().all());
      assertThat(threadAlive("fallback-driver")).isTrue();
      assertThat(runtime.blockOn(sleeper)).isEqualTo("woken");
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
    assertThat(threadAlive("fallback-driver")).as("the fallback thread ended").isFalse();
  }

  @Test
  void aPausedClockWaitsForTheBlockingPool() throws Exception {
    Runtime runtime = create("paused-blocking-", 1, true);
    try {
      PausedClock clock = (PausedClock) runtime.clock();
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      JoinHandle<String> waiter =
          runtime.spawn(
              Futures.lazy(
                      () ->
                          Task.spawnBlocking(
                              () -> {
                                started.countDown();
                                return release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                                    ? "released"
                                    : "not released";
                              }))
                  .flatMap(handle -> Time.timeout(handle, Duration.ofSeconds(1))));
      assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      long before = clock.nanoTime();
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the period being observed
      assertThat(clock.nanoTime()).as("no jump while a blocking task runs").isEqualTo(before);
      release.countDown();
      assertThat(waiter.join(WAIT)).isEqualTo("released");
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void anExecutorOfItsOwnHasNoTimers() {
    try (SharedExecutor executor = new SharedExecutor()) {
      assertThatThrownBy(() -> executor.run(Time.sleep(Duration.ofMillis(1))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("no timer in this context");
      assertThat(executor.<String>run(cx -> Poll.ready("still runs"))).isEqualTo("still runs");
    }
  }
}
