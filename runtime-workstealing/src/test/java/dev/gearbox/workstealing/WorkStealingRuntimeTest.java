package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.sync.Channel;
import dev.gearbox.testkit.Await;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** What the work-stealing runtime adds to the conformance suite: keys, hooks, time, I/O, JFR. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class WorkStealingRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Runtime create(String... keyValues) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put(RuntimeConfig.RUNTIME_KEY, "workstealing");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return Runtimes.create(RuntimeConfig.of(values));
  }

  @Test
  void isTheDefaultKindAndValidatesItsKeys() {
    assertThat(Runtimes.available()).contains("workstealing");
    assertThatThrownBy(() -> create("gearbox.workstealing.globalQueueInterval", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.workstealing.globalQueueInterval=0");
    assertThatThrownBy(() -> create("gearbox.workstealing.unhandledPanic", "abort"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ignore or shutdown");
    assertThatThrownBy(() -> WorkStealingRuntimeProvider.builder().workers(0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.workers=0");
  }

  @Test
  void sleepsOnTheSystemClockAndReportsMetrics() {
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
              "steals",
              "workstealing.steal.operations",
              "parks",
              "workstealing.schedules.local",
              "workstealing.schedules.overflow",
              "workstealing.schedules.remote",
              "queue.global.depth",
              "workstealing.worker.0.queue.local.depth",
              "workstealing.worker.1.queue.local.depth",
              "workstealing.budget.forced_yields");
      assertThat(metrics.get("workers")).isEqualTo(2L);
      assertThat(metrics.get("workstealing.schedules.remote")).isPositive();
    }
  }

  @Test
  void aBlockOnCallerIsWokenWhileTheWorkerIsInsideALongPoll() throws Exception {
    // The task the caller joins completes after a timer (so the caller is parked by then) and
    // wakes a second task into the LIFO slot, which then blocks the only worker until the caller
    // has returned: the caller's deferred unpark can only come from its own look at the flag.
    try (Runtime runtime = create("gearbox.workers", "1")) {
      Channel.Pair<Integer> go = Channel.bounded(1);
      CountDownLatch callerReturned = new CountDownLatch(1);
      Future<Integer> receive = go.receiver().receive();
      JoinHandle<Boolean> longPoll =
          runtime.spawn(
              cx -> {
                if (receive.poll(cx) instanceof Poll.Pending) {
                  return Poll.pending();
                }
                return Poll.ready(callerReturned.await(10, TimeUnit.SECONDS)); // blocks the worker
              });
      JoinHandle<Integer> joined =
          runtime.spawn(
              Time.sleep(Duration.ofMillis(20)).flatMap(v -> go.sender().send(1)).map(v -> 42));
      assertThat(runtime.blockOn(joined)).isEqualTo(42);
      callerReturned.countDown();
      assertThat(longPoll.join()).as("the caller returned during the long poll").isTrue();
    }
  }

  @Test
  void pausedClockJumpsToTheNextTimerWhenEveryWorkerIsIdle() {
    try (Runtime runtime = create("gearbox.workers", "2", "gearbox.time.paused", "true")) {
      PausedClock clock = (PausedClock) runtime.clock();
      JoinHandle<String> slept =
          runtime.spawn(Time.sleep(Duration.ofHours(1)).map(v -> "an hour later"));
      assertThat(slept.join()).isEqualTo("an hour later");
      assertThat(clock.now()).isGreaterThanOrEqualTo(Duration.ofHours(1));
      String fromBlockOn = runtime.blockOn(Time.sleep(Duration.ofMinutes(5)).map(v -> "blockOn"));
      assertThat(fromBlockOn).isEqualTo("blockOn");
    }
  }

  @Test
  void echoesOverTcpDrivenByTheWorkers() throws Exception {
    try (Runtime runtime = create("gearbox.workers", "2");
        TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0))) {
      JoinHandle<Void> server =
          runtime.spawn(
              listener
                  .accept()
                  .flatMap(
                      stream -> {
                        ByteBuffer buffer = ByteBuffer.allocate(5);
                        return stream
                            .readExact(buffer)
                            .flatMap(v -> stream.writeAll(buffer.flip()));
                      }));
      ByteBuffer reply = ByteBuffer.allocate(5);
      String echoed =
          runtime
              .spawn(
                  TcpStream.connect(listener.localAddress())
                      .flatMap(
                          stream ->
                              stream
                                  .writeAll(
                                      ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)))
                                  .flatMap(v -> stream.readExact(reply))
                                  .map(v -> new String(reply.array(), StandardCharsets.UTF_8))))
              .join();
      assertThat(echoed).isEqualTo("hello");
      server.join();
    }
  }

  @Test
  void hooksRunOnEveryWorker() {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger stopped = new AtomicInteger();
    AtomicInteger parked = new AtomicInteger();
    AtomicInteger unparked = new AtomicInteger();
    Runtime runtime =
        WorkStealingRuntimeProvider.builder()
            .workers(2)
            .threadNamePrefix("hooked-")
            .onThreadStart(started::incrementAndGet)
            .onThreadStop(stopped::incrementAndGet)
            .onThreadPark(parked::incrementAndGet)
            .onThreadUnpark(unparked::incrementAndGet)
            .build();
    assertThat(runtime.spawn(cx -> Poll.ready(Thread.currentThread().getName())).join())
        .startsWith("hooked-worker-");
    Await.until(WAIT, () -> parked.get() > 0, "a worker to park");
    runtime.close();
    assertThat(started).hasValue(2);
    assertThat(stopped).hasValue(2);
    assertThat(unparked.get()).isPositive();
  }

  @Test
  void unhandledPanicShutdownPolicyShutsTheRuntimeDown() {
    Runtime ignoring = create("gearbox.workers", "1");
    Runtime strict =
        create("gearbox.workers", "1", "gearbox.workstealing.unhandledPanic", "shutdown");
    try {
      for (Runtime runtime : new Runtime[] {ignoring, strict}) {
        JoinHandle<Object> failed =
            runtime.spawn(
                cx -> {
                  throw new IllegalStateException("boom");
                });
        assertThatThrownBy(failed::join).hasRootCauseMessage("boom");
      }
      Await.until(WAIT, strict::isShutdown, "the strict runtime to shut down");
      assertThat(ignoring.isShutdown()).isFalse();
    } finally {
      ignoring.close();
      strict.close();
    }
  }

  @Test
  void budgetForcesAYieldAfter128ReadyOperations() {
    try (Runtime runtime = create("gearbox.workers", "1")) {
      AtomicInteger granted = new AtomicInteger();
      int[] polls = {0};
      runtime
          .spawn(
              cx -> {
                polls[0]++;
                if (polls[0] == 1) {
                  while (cx.consumeBudget()) {
                    granted.incrementAndGet();
                  }
                  cx.waker().wake();
                  return Poll.pending();
                }
                return Poll.ready(polls[0]);
              })
          .join();
      assertThat(granted).hasValue(CoopBudget.PER_POLL);
      assertThat(runtime.metrics().all().get("workstealing.budget.forced_yields")).isEqualTo(1L);
    }
  }
}
