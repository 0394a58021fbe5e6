package dev.gearbox.multithread;

import static dev.gearbox.multithread.TestRuntimes.WAIT;
import static dev.gearbox.multithread.TestRuntimes.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.spi.sched.SpmcLocalQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The workers' local queues in a running runtime: what a poll spawns beyond its LIFO slot waits in
 * its worker's local queue, where another worker steals it, the monitor hands it on when the worker
 * is stuck, and a full queue overflows to the global one.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class LocalQueuesTest {
  private static final int CHILDREN = 100;

  /** Spawns {@code count} children that count {@code ran} down, then blocks until they all ran. */
  private static JoinHandle<Boolean> spawnThenWait(Runtime runtime, int count, CountDownLatch ran) {
    return runtime.spawn(
        cx -> {
          for (int i = 0; i < count; i++) {
            Task.spawn(
                c -> {
                  ran.countDown();
                  return Poll.ready(null);
                });
          }
          // blocks its worker: only another worker, or the monitor, can run the children
          return Poll.ready(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        });
  }

  @Test
  void anotherWorkerStealsTheLocalTasksOfABusyOne() throws Exception {
    // replacement off: the children in the blocked worker's local queue run only if stolen
    try (Runtime runtime =
        create("gearbox.workers", "2", "gearbox.multithread.maxExtraWorkers", "0")) {
      // the last child stays in the blocked worker's LIFO slot, which is not stolen from: the
      // parent waits for the others, which went to its local queue
      CountDownLatch ran = new CountDownLatch(CHILDREN - 1);
      assertThat(spawnThenWait(runtime, CHILDREN, ran).join(WAIT)).isTrue();
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isZero();
      assertThat(runtime.metrics().all().get("steals")).as("tasks stolen").isPositive();
    }
  }

  @Test
  void theLocalTasksOfAStuckWorkerRunOnceItIsReplaced() throws Exception {
    // one worker: nobody can steal, so the monitor must hand the local queue on
    try (Runtime runtime = create("gearbox.workers", "1")) {
      CountDownLatch ran = new CountDownLatch(CHILDREN);
      assertThat(spawnThenWait(runtime, CHILDREN, ran).join(WAIT)).isTrue();
      assertThat(runtime.metrics().all().get("multithread.workers.replaced")).isPositive();
    }
  }

  @Test
  void shutdownCancelsTheTasksLeftInALocalQueueAndLifoSlot() throws Exception {
    // replacement off, one worker: the children stay queued on the blocked worker until shutdown
    Runtime runtime = create("gearbox.workers", "1", "gearbox.multithread.maxExtraWorkers", "0");
    List<JoinHandle<Object>> children = new CopyOnWriteArrayList<>();
    CountDownLatch spawned = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      runtime.spawn(
          cx -> {
            for (int i = 0; i < CHILDREN; i++) {
              children.add(Task.spawn(c -> Poll.ready(null)));
            }
            spawned.countDown();
            return Poll.ready(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
          });
      assertThat(spawned.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      runtime.shutdown();
    } finally {
      release.countDown();
    }
    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThat(children).hasSize(CHILDREN);
    assertThat(children).allSatisfy(child -> assertThat(child.isFinished()).isTrue());
    assertThat(runtime.metrics().aliveTasks()).isZero();
  }

  @Test
  void spawnsBeyondTheLocalQueuesCapacityOverflowToTheSharedQueue() throws Exception {
    int count = SpmcLocalQueue.CAPACITY * 4;
    for (int workers : new int[] {1, 2}) {
      try (Runtime runtime = create("gearbox.workers", String.valueOf(workers))) {
        AtomicLong sum = new AtomicLong();
        CountDownLatch done = new CountDownLatch(count);
        JoinHandle<Object> spawner =
            runtime.spawn(
                cx -> {
                  for (int i = 0; i < count; i++) {
                    long value = i;
                    Task.spawn(
                        c -> {
                          sum.addAndGet(value);
                          done.countDown();
                          return Poll.ready(null);
                        });
                  }
                  return Poll.ready(null);
                });
        spawner.join(WAIT);
        assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sum.get()).isEqualTo((long) count * (count - 1) / 2);
      }
    }
  }
}
