package dev.gearbox.multithread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker's local queue on its own: overflow, stealing half, batches in and draining out. */
class LocalRunQueueTest {
  private static final TaskScheduler UNUSED =
      new TaskScheduler() {
        @Override
        public void schedule(RawTask<?> task) {
          throw new AssertionError("not scheduled in this test");
        }

        @Override
        public void release(RawTask<?> task) {}
      };

  private static List<RawTask<?>> tasks(int count) {
    List<RawTask<?>> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(new MultithreadTask<>(cx -> Poll.ready(null), UNUSED));
    }
    return tasks;
  }

  private static List<RawTask<?>> pollAll(LocalRunQueue queue) {
    List<RawTask<?>> polled = new ArrayList<>();
    for (RawTask<?> task = queue.poll(); task != null; task = queue.poll()) {
      polled.add(task);
    }
    return polled;
  }

  @Test
  void aFullQueueMovesItsOlderHalfToTheSharedQueue() {
    MpmcGlobalQueue<RawTask<?>> shared =
        new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue local = new LocalRunQueue(shared::pushBatch);
    List<RawTask<?>> tasks = tasks(LocalRunQueue.CAPACITY + 44);
    tasks.forEach(task -> local.push(task));

    int half = LocalRunQueue.CAPACITY / 2;
    assertThat(shared.depth()).isEqualTo(half);
    assertThat(local.size()).isEqualTo(LocalRunQueue.CAPACITY - half + 44);
    assertThat(pollAll(local)).containsExactlyElementsOf(tasks.subList(half, tasks.size()));
    for (int i = 0; i < half; i++) {
      assertThat(shared.poll()).isSameAs(tasks.get(i));
    }
    assertThat(shared.isEmpty()).isTrue();
  }

  @Test
  void aThiefTakesHalfRoundedUpAndRunsTheOldest() {
    MpmcGlobalQueue<RawTask<?>> shared =
        new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue victim = new LocalRunQueue(shared::pushBatch);
    LocalRunQueue thief = new LocalRunQueue(shared::pushBatch);
    List<RawTask<?>> tasks = tasks(9);
    tasks.forEach(task -> victim.push(task));

    assertThat(victim.stealHalfInto(thief)).isSameAs(tasks.get(0));
    assertThat(pollAll(thief)).containsExactlyElementsOf(tasks.subList(1, 5));
    assertThat(pollAll(victim)).containsExactlyElementsOf(tasks.subList(5, 9));
    assertThat(victim.stealHalfInto(thief)).isNull();
    assertThat(shared.isEmpty()).isTrue();
  }

  @Test
  void aStealIntoAFullQueueOverflowsToTheSharedQueue() {
    MpmcGlobalQueue<RawTask<?>> shared =
        new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue victim = new LocalRunQueue(shared::pushBatch);
    LocalRunQueue thief = new LocalRunQueue(shared::pushBatch);
    tasks(10).forEach(task -> victim.push(task));
    tasks(LocalRunQueue.CAPACITY).forEach(task -> thief.push(task));

    assertThat(victim.stealHalfInto(thief)).isNotNull();
    assertThat(victim.size() + thief.size() + shared.depth())
        .isEqualTo(10 + LocalRunQueue.CAPACITY - 1);
  }

  @Test
  void aBatchTakesAtMostTheRoomLeftAndDrainMovesEverything() {
    MpmcGlobalQueue<RawTask<?>> shared =
        new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue local = new LocalRunQueue(shared::pushBatch);
    List<RawTask<?>> tasks = tasks(LocalRunQueue.CAPACITY + 10);
    tasks.forEach(shared::push);
    tasks(LocalRunQueue.CAPACITY - 5).forEach(task -> local.push(task));

    assertThat(local.takeBatch(shared, 100)).isSameAs(tasks.get(0)); // and 5 more queued
    assertThat(local.size()).isEqualTo(LocalRunQueue.CAPACITY);
    assertThat(local.drainTo(shared::push)).isEqualTo(LocalRunQueue.CAPACITY);
    assertThat(local.isEmpty()).isTrue();
    assertThat(shared.depth()).isEqualTo(tasks.size() - 6 + LocalRunQueue.CAPACITY);
    assertThat(shared.poll()).isSameAs(tasks.get(6));
    assertThat(
            new LocalRunQueue(shared::pushBatch)
                .takeBatch(new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY), 10))
        .isNull();
  }

  @Test
  void aBatchBeyondTheSharedRingsRoomGoesToItsOverflowInOrder() {
    MpmcGlobalQueue<RawTask<?>> shared =
        new MpmcGlobalQueue<>(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY);
    RawTask<?> filler = tasks(1).get(0);
    for (int i = 0; i < MultithreadScheduler.GLOBAL_QUEUE_CAPACITY - 3; i++) {
      shared.push(filler);
    }
    List<RawTask<?>> batch = tasks(10);

    shared.pushBatch(batch.toArray(RawTask<?>[]::new), 8); // 3 fit in the ring, 5 overflow
    assertThat(shared.depth()).isEqualTo(MultithreadScheduler.GLOBAL_QUEUE_CAPACITY + 5);
    for (int i = 0; i < MultithreadScheduler.GLOBAL_QUEUE_CAPACITY - 3; i++) {
      assertThat(shared.poll()).isSameAs(filler);
    }
    for (int i = 0; i < 8; i++) {
      assertThat(shared.poll()).isSameAs(batch.get(i));
    }
    assertThat(shared.isEmpty()).isTrue();
  }
}
