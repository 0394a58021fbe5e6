package dev.gearbox.multithread;

import static dev.gearbox.multithread.TestRuntimes.WAIT;
import static dev.gearbox.multithread.TestRuntimes.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.multithread.TestRuntimes.BlockingPoll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.spi.RuntimeLog;
import dev.gearbox.testkit.Await;
import dev.gearbox.testkit.LogRecords;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The monitor: a worker stuck inside one poll is replaced, and the other tasks keep running. */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class MonitorTest {

  /**
   * The test: a task blocks its thread inside a poll while 1000 other tasks are spawned;
   * they all complete while the blocker is still blocked (it is released only afterwards), so none
   * of them waited for the block to end.
   */
  @ParameterizedTest(name = "{0} worker(s)")
  @ValueSource(ints = {1, 2})
  void aBlockedWorkerDoesNotHoldUpTheOtherTasks(int workers) throws Exception {
    List<BlockingPoll> blockers = new ArrayList<>();
    try (Runtime runtime = create("gearbox.workers", String.valueOf(workers))) {
      List<JoinHandle<Boolean>> blocked = new ArrayList<>();
      for (int i = 0; i < workers; i++) { // block every worker
        BlockingPoll blocker = new BlockingPoll();
        blockers.add(blocker);
        blocked.add(runtime.spawn(blocker));
        assertThat(blocker.started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      }
      List<JoinHandle<Integer>> others = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int value = i;
        others.add(runtime.spawn(cx -> Poll.ready(value)));
      }
      long sum = 0;
      for (JoinHandle<Integer> handle : others) {
        sum += handle.join(WAIT);
      }
      assertThat(sum).isEqualTo(999 * 1000 / 2);
      assertThat(blocked).noneMatch(JoinHandle::isFinished); // still blocked
      // at least one stuck worker was replaced (the others may not have been stuck for long yet)
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isPositive();
      assertThat(runtime.metrics().all().get("multithread.workers.retiring")).isPositive();

      blockers.forEach(blocker -> blocker.release.countDown());
      for (JoinHandle<Boolean> handle : blocked) {
        assertThat(handle.join(WAIT)).isTrue();
      }
      Await.until(
          WAIT,
          () -> runtime.metrics().all().get("multithread.workers.retiring") == 0,
          () -> "the replaced workers to end: " + runtime.metrics().all());
      assertThat(runtime.metrics().workers()).isEqualTo(workers);
    } finally {
      blockers.forEach(blocker -> blocker.release.countDown()); // also when an assertion failed
    }
  }

  /**
   * The scenario on one worker: a poll blocks its thread for 500 ms (and then until the
   * test releases it, so it cannot end before the check), and 1000 tasks spawned meanwhile all
   * complete while it is still inside that poll.
   */
  @Test
  void aTaskBlockingForHalfASecondDoesNotDelayTheOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Runtime runtime = create("gearbox.workers", "1")) {
      CountDownLatch blocking = new CountDownLatch(1);
      JoinHandle<Boolean> blocker =
          runtime.spawn(
              cx -> {
                blocking.countDown();
                Thread.sleep(500); // the block under test, inside the poll
                return Poll.ready(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
              });
      assertThat(blocking.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      List<JoinHandle<Integer>> others = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int value = i;
        others.add(runtime.spawn(cx -> Poll.ready(value)));
      }
      for (JoinHandle<Integer> handle : others) {
        handle.join(WAIT);
      }
      assertThat(blocker.isFinished())
          .as("the 1000 tasks completed while the blocker was inside its poll")
          .isFalse();
      release.countDown();
      assertThat(blocker.join(WAIT)).isTrue();
    } finally {
      release.countDown();
    }
  }

  /**
   * A task spawned by a poll goes to its worker's LIFO slot; if that poll then blocks, the monitor
   * moves the slot's task to the queue as it replaces the worker, so the child does not wait for
   * the block to end.
   */
  @Test
  void aChildSpawnedIntoTheLifoSlotOfAPollThatBlocksStillRuns() throws Exception {
    try (Runtime runtime = create("gearbox.workers", "1")) {
      CountDownLatch childRan = new CountDownLatch(1);
      JoinHandle<Boolean> parent =
          runtime.spawn(
              cx -> {
                dev.gearbox.runtime.Task.spawn(
                    c -> {
                      childRan.countDown();
                      return Poll.ready(null);
                    });
                // blocks until the child ran: only a replacement worker can run it
                return Poll.ready(childRan.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
              });
      assertThat(parent.join(WAIT)).isTrue();
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isPositive();
    }
  }

  /**
   * A poll that keeps spawning (spawn_many's loop) feeds the runtime rather than blocking it: its
   * worker is not replaced however long the poll runs, and what it spawns runs on the other worker
   * meanwhile. It runs for ten thresholds, spawning a task every 100 microseconds.
   */
  @Test
  void aPollThatKeepsSpawningIsNotReplaced() throws Exception {
    try (Runtime runtime =
        create("gearbox.workers", "2", "gearbox.multithread.blockingThreshold", "100ms")) {
      java.util.concurrent.atomic.AtomicInteger ran =
          new java.util.concurrent.atomic.AtomicInteger();
      JoinHandle<Integer> spawner =
          runtime.spawn(
              cx -> {
                long start = System.nanoTime();
                long last = start;
                int spawned = 0;
                while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
                  if (System.nanoTime() - last >= 100_000) {
                    last = System.nanoTime();
                    dev.gearbox.runtime.Task.spawn(
                        c -> {
                          ran.incrementAndGet();
                          return Poll.ready(null);
                        });
                    spawned++;
                  }
                }
                return Poll.ready(spawned);
              });
      int spawned = spawner.join(WAIT);
      Await.until(
          WAIT,
          () -> ran.get() == spawned,
          () -> ran.get() + " of " + spawned + " spawned tasks ran");
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isZero();
    }
  }

  /**
   * A poll that computes (spins on the CPU without spawning) blocks its queue as surely as one that
   * sleeps: its worker is replaced, and a task queued behind it runs while it still spins.
   */
  @Test
  void aPollSpinningOnTheCpuIsReplaced() throws Exception {
    AtomicBoolean release = new AtomicBoolean();
    try (Runtime runtime = create("gearbox.workers", "1")) {
      CountDownLatch spinning = new CountDownLatch(1);
      JoinHandle<Boolean> spinner =
          runtime.spawn(
              cx -> {
                spinning.countDown();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!release.get() && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
                return Poll.ready(release.get());
              });
      assertThat(spinning.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      JoinHandle<String> queued = runtime.spawn(cx -> Poll.ready("behind the spinner"));
      assertThat(queued.join(WAIT)).isEqualTo("behind the spinner");
      assertThat(spinner.isFinished()).as("the spinner is still inside its poll").isFalse();
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isPositive();
      release.set(true);
      assertThat(spinner.join(WAIT)).isTrue();
    } finally {
      release.set(true);
    }
  }

  /**
   * A poll blocked in a native read (a blocking pipe read: runnable, yet off the CPU, as a thread
   * waiting for a core looks) is replaced too, only after Monitor.STARVED_THRESHOLDS thresholds.
   */
  @Test
  void aPollBlockedInANativeReadIsReplacedAfterTheLongerWait() throws Exception {
    Pipe pipe = Pipe.open();
    try (Pipe.SourceChannel source = pipe.source();
        Pipe.SinkChannel sink = pipe.sink();
        Runtime runtime =
            create("gearbox.workers", "1", "gearbox.multithread.blockingThreshold", "20ms")) {
      CountDownLatch reading = new CountDownLatch(1);
      JoinHandle<Integer> reader =
          runtime.spawn(
              cx -> {
                reading.countDown();
                return Poll.ready(source.read(ByteBuffer.allocate(1))); // blocks: nothing sent
              });
      assertThat(reading.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      long queuedAt = System.nanoTime();
      JoinHandle<String> queued = runtime.spawn(cx -> Poll.ready("behind the reader"));
      assertThat(queued.join(WAIT)).isEqualTo("behind the reader");
      assertThat(System.nanoTime() - queuedAt)
          .as(
              "replaced no sooner than %d thresholds after the read began",
              Monitor.STARVED_THRESHOLDS)
          .isGreaterThanOrEqualTo((Monitor.STARVED_THRESHOLDS - 1) * 20_000_000L);
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isPositive();
      sink.write(ByteBuffer.wrap(new byte[] {42}));
      assertThat(reader.join(WAIT)).isEqualTo(1);
    }
  }

  @Test
  void withNoExtraWorkersAllowedTheStuckWorkerStaysAndTheRefusalIsCounted() throws Exception {
    try (Runtime runtime =
        create("gearbox.workers", "1", "gearbox.multithread.maxExtraWorkers", "0")) {
      BlockingPoll blocker = new BlockingPoll();
      JoinHandle<Boolean> blocked = runtime.spawn(blocker);
      assertThat(blocker.started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      JoinHandle<String> queued = runtime.spawn(cx -> Poll.ready("after the blocker"));
      Await.until(
          WAIT,
          () -> runtime.metrics().all().get("multithread.replacements.refused") > 0,
          () -> "a refused replacement: " + runtime.metrics().all());
      assertThat(queued.isFinished()).isFalse();
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isZero();
      blocker.release.countDown();
      assertThat(queued.join(WAIT)).isEqualTo("after the blocker");
      assertThat(blocked.join(WAIT)).isTrue();
    }
  }

  private static final String WORKER_REPLACED = "dev.gearbox.WorkerReplaced";

  private static boolean isEnabled(String eventName) {
    return jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes().stream()
        .anyMatch(type -> type.getName().equals(eventName) && type.isEnabled());
  }

  @Test
  void replacementLogsAWarningNamingTheWorkerAndTheTask() throws Exception {
    try (LogRecords log = LogRecords.capture(RuntimeLog.MULTITHREAD);
        Runtime runtime = create("gearbox.workers", "1")) {
      BlockingPoll blocker = new BlockingPoll();
      JoinHandle<Boolean> blocked = runtime.spawn(blocker);
      try {
        Await.until(WAIT, () -> !log.messages().isEmpty(), "the replacement to be logged");
      } finally {
        blocker.release.countDown();
      }
      assertThat(blocked.join(WAIT)).isTrue();
      assertThat(log.messages().getFirst())
          .startsWith("WARNING worker 'gearbox-multithread-worker-")
          .contains("task " + blocked.id())
          .contains("BlockingPoll")
          .contains("spawnBlocking");
    }
  }

  @Test
  void replacementEmitsAJfrEventNamingTheTask() throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    RecordedEvent[] event = new RecordedEvent[1];
    try (RecordingStream stream = new RecordingStream();
        Runtime runtime = create("gearbox.workers", "1")) {
      stream.enable(WORKER_REPLACED);
      stream.onEvent(
          WORKER_REPLACED,
          recorded -> {
            event[0] = recorded;
            seen.countDown();
          });
      stream.startAsync();
      Await.until(WAIT, () -> isEnabled(WORKER_REPLACED), "JFR to enable the replacement event");
      BlockingPoll blocker = new BlockingPoll();
      JoinHandle<Boolean> blocked = runtime.spawn(blocker);
      try {
        assertThat(seen.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      } finally {
        blocker.release.countDown();
      }
      assertThat(blocked.join(WAIT)).isTrue();
      assertThat(event[0].getString("runtime")).isEqualTo("multithread");
      assertThat(event[0].getLong("taskId")).isEqualTo(blocked.id());
      assertThat(event[0].getClass("futureClass").getName()).endsWith("BlockingPoll");
      assertThat(event[0].getString("workerThread")).startsWith("gearbox-multithread-worker-");
      assertThat(event[0].getDuration("blockedFor")).isGreaterThanOrEqualTo(Duration.ofMillis(10));
    }
  }

  @Test
  void shutdownWithAStuckWorkerCancelsTheRestAndEndsOnceThePollReturns() throws Exception {
    Runtime runtime = create("gearbox.workers", "1", "gearbox.threadNamePrefix", "stuck-");
    BlockingPoll blocker = new BlockingPoll();
    JoinHandle<Boolean> blocked = runtime.spawn(blocker);
    assertThat(blocker.started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    Await.until(
        WAIT,
        () -> runtime.metrics().all().get("multithread.workers.replaced") == 1,
        () -> "the stuck worker to be replaced: " + runtime.metrics().all());
    JoinHandle<Object> pending = runtime.spawn(cx -> Poll.pending());
    runtime.shutdown();
    assertThat(runtime.shutdown(Duration.ofMillis(50))).isFalse(); // the stuck poll still runs
    blocker.release.countDown();
    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThat(runtime.isTerminated()).isTrue();
    JoinException cancelled = catchJoin(pending);
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(blocked.isFinished()).isTrue(); // aborted inside its poll, finished when it returned
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("stuck-"));
  }

  private static JoinException catchJoin(JoinHandle<?> handle) {
    try {
      handle.join();
    } catch (JoinException e) {
      return e;
    }
    throw new AssertionError("expected " + handle + " to fail");
  }
}
