package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The local queue and the global queue under races: an owner pushing (past capacity, so half the
 * queue overflows to the global queue) and popping, while thieves steal half into their own queues
 * and drain the global queue. Every task must be taken exactly once.
 */
class LocalRunQueueStressTest {
  private static final int TASKS = 200_000;
  private static final int THIEVES = 3;

  /** A scheduler for tasks that are only moved through queues here, never run. */
  private static final TaskScheduler UNUSED =
      new TaskScheduler() {
        @Override
        public void schedule(RawTask<?> task) {}

        @Override
        public void release(RawTask<?> task) {}
      };

  @Test
  void singleThreadedFifoStealHalfAndOverflow() {
    GlobalQueue globalQueue = new GlobalQueue();
    LocalRunQueue queue = new LocalRunQueue();
    List<ScheduledTask<?>> tasks = newTasks(LocalRunQueue.CAPACITY + 1);
    for (int i = 0; i < LocalRunQueue.CAPACITY; i++) {
      assertThat(queue.pushBackOrOverflow(tasks.get(i), globalQueue)).isZero();
    }
    assertThat(queue.len()).isEqualTo(LocalRunQueue.CAPACITY);
    assertThat(queue.pushBackOrOverflow(tasks.get(LocalRunQueue.CAPACITY), globalQueue))
        .isEqualTo(LocalRunQueue.HALF + 1);
    assertThat(queue.len()).isEqualTo(LocalRunQueue.HALF);
    assertThat(globalQueue.depth()).isEqualTo(LocalRunQueue.HALF + 1);
    // the oldest half went to the global queue, in order, then the new task
    LocalRunQueue other = new LocalRunQueue();
    for (int i = 0; i < LocalRunQueue.HALF; i++) {
      assertThat(globalQueue.popBatch(1, other)).isSameAs(tasks.get(i));
    }
    assertThat(globalQueue.popBatch(1, other)).isSameAs(tasks.get(LocalRunQueue.CAPACITY));
    assertThat(globalQueue.isEmpty()).isTrue();
    // a thief takes half (rounded up) from the front: 64 tasks, one returned, 63 queued
    ScheduledTask<?> stolen = queue.stealInto(other, new WorkerCounters());
    assertThat(stolen).isSameAs(tasks.get(LocalRunQueue.HALF + 63));
    assertThat(other.len()).isEqualTo(63);
    assertThat(other.pop()).isSameAs(tasks.get(LocalRunQueue.HALF));
    assertThat(queue.pop()).isSameAs(tasks.get(LocalRunQueue.HALF + 64));
  }

  @RepeatedTest(3)
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  void everyTaskIsTakenExactlyOnce() throws Exception {
    GlobalQueue globalQueue = new GlobalQueue();
    LocalRunQueue owner = new LocalRunQueue();
    List<ScheduledTask<?>> tasks = newTasks(TASKS);
    Map<ScheduledTask<?>, Integer> indexOf = new IdentityHashMap<>();
    for (int i = 0; i < TASKS; i++) {
      indexOf.put(tasks.get(i), i);
    }
    AtomicIntegerArray taken = new AtomicIntegerArray(TASKS);
    AtomicBoolean ownerDone = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    threads.add(
        Thread.ofPlatform()
            .unstarted(
                () -> {
                  await(start);
                  for (int i = 0; i < TASKS; i++) {
                    owner.pushBackOrOverflow(tasks.get(i), globalQueue);
                    if (i % 3 == 0) {
                      record(owner.pop(), indexOf, taken);
                    }
                  }
                  ownerDone.set(true);
                  for (ScheduledTask<?> t = owner.pop(); t != null; t = owner.pop()) {
                    record(t, indexOf, taken);
                  }
                }));
    for (int k = 0; k < THIEVES; k++) {
      threads.add(
          Thread.ofPlatform()
              .unstarted(
                  () -> {
                    LocalRunQueue mine = new LocalRunQueue();
                    WorkerCounters counters = new WorkerCounters();
                    await(start);
                    while (true) {
                      boolean done = ownerDone.get();
                      ScheduledTask<?> t = owner.stealInto(mine, counters);
                      if (t == null) {
                        t = globalQueue.popBatch(8, mine);
                      }
                      record(t, indexOf, taken);
                      for (ScheduledTask<?> m = mine.pop(); m != null; m = mine.pop()) {
                        record(m, indexOf, taken);
                      }
                      if (t == null && done && owner.isEmpty() && globalQueue.isEmpty()) {
                        return;
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.setUncaughtExceptionHandler((th, e) -> failures.add(e));
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      assertThat(thread.join(java.time.Duration.ofSeconds(25))).isTrue();
    }
    assertThat(failures).isEmpty();
    for (int i = 0; i < TASKS; i++) {
      assertThat(taken.get(i)).as("times task %d was taken", i).isEqualTo(1);
    }
    assertThat(globalQueue.depth()).isZero();
  }

  private static void record(
      ScheduledTask<?> task, Map<ScheduledTask<?>, Integer> indexOf, AtomicIntegerArray taken) {
    if (task != null) {
      taken.incrementAndGet(indexOf.get(task));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static List<ScheduledTask<?>> newTasks(int count) {
    List<ScheduledTask<?>> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(new ScheduledTask<>(cx -> Poll.pending(), UNUSED));
    }
    return tasks;
  }
}
