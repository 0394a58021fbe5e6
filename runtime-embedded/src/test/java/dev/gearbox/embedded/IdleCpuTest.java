package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.Time;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle step parks: an executor whose tasks wait for a far timer uses no CPU. */
class IdleCpuTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long cpuOverOneIdleSecond(Thread thread) {
    long before = THREADS.getThreadCpuTime(thread.threadId());
    LockSupport.parkNanos(1_000_000_000L); // the idle period being measured
    return THREADS.getThreadCpuTime(thread.threadId()) - before;
  }

  @Test
  @Timeout(60)
  void anExecutorWaitingForAFarTimerUsesNoCpu() throws Exception {
    EmbeddedExecutor executor = new EmbeddedExecutor("idle-cpu", new SystemTimeDriver());
    TickTimer timer = TickTimer.after(TickDuration.ofSeconds(3600));
    CountDownLatch armed = new CountDownLatch(1);
    LambdaBody.spawn(
        executor.spawner(),
        LambdaBody.pool("sleeper", 1),
        cx -> {
          if (timer.poll(cx) instanceof Poll.Pending) {
            armed.countDown();
            return false;
          }
          return true;
        });
    Thread thread = executor.start(Thread.NORM_PRIORITY);
    assertThat(armed.await(30, TimeUnit.SECONDS)).isTrue();
    long used = cpuOverOneIdleSecond(thread);
    assertThat(used).as("CPU nanoseconds in one idle second").isLessThan(50_000_000L);
    executor.close();
  }

  @Test
  @Timeout(60)
  void theEmbeddedRuntimeWaitingForTimersUsesNoCpu() throws Exception {
    Runtime runtime =
        Runtimes.create(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, "embedded")));
    try {
      runtime.spawn(Time.sleep(java.time.Duration.ofHours(1)));
      runtime.spawn(TickTimer.after(TickDuration.ofSeconds(3600)));
      Await.until(
          () -> runtime.metrics().all().get("timers.pending") == 2, "both timers registered");
      Thread executor =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().equals("gearbox-embedded-executor"))
              .filter(thread -> thread.isAlive())
              .findFirst()
              .orElseThrow();
      long used = cpuOverOneIdleSecond(executor);
      assertThat(used).as("CPU nanoseconds in one idle second").isLessThan(50_000_000L);
    } finally {
      assertThat(runtime.shutdown(java.time.Duration.ofSeconds(30))).isTrue();
    }
  }
}
