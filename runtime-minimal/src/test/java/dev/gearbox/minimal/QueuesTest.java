package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueuesTest {
  private static final TaskScheduler NOWHERE =
      new TaskScheduler() {
        @Override
        public void schedule(RawTask<?> task) {}

        @Override
        public void release(RawTask<?> task) {}
      };

  private static List<RawTask<?>> tasks(int count) {
    List<RawTask<?>> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(new RawTask<>(cx -> Poll.ready(1), NOWHERE));
    }
    return tasks;
  }

  @Test
  void globalQueueIsFifoThroughItsOverflow() {
    MpmcGlobalQueue<RawTask<?>> queue = new MpmcGlobalQueue<>(ExecutorState.GLOBAL_QUEUE_CAPACITY);
    List<RawTask<?>> offered = tasks(ExecutorState.GLOBAL_QUEUE_CAPACITY * 2 + 7);
    offered.forEach(queue::push);
    assertThat(queue.depth()).isGreaterThanOrEqualTo(ExecutorState.GLOBAL_QUEUE_CAPACITY * 2);
    List<RawTask<?>> polled = new ArrayList<>();
    for (RawTask<?> task = queue.poll(); task != null; task = queue.poll()) {
      polled.add(task);
    }
    assertThat(polled).containsExactlyElementsOf(offered);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void localQueueSpillsIntoTheGlobalQueueWhenFull() {
    MpmcGlobalQueue<RawTask<?>> global = new MpmcGlobalQueue<>(ExecutorState.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue local = new LocalRunQueue(global);
    List<RawTask<?>> pushed = tasks(LocalRunQueue.CAPACITY + 10);
    pushed.forEach(local::push);
    assertThat(local.size()).isEqualTo(LocalRunQueue.CAPACITY);
    assertThat(global.depth()).isEqualTo(10);
    assertThat(local.room()).isZero();
  }

  @Test
  void stealingTakesHalfAndLosesNothing() {
    MpmcGlobalQueue<RawTask<?>> global = new MpmcGlobalQueue<>(ExecutorState.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue victim = new LocalRunQueue(global);
    LocalRunQueue thief = new LocalRunQueue(global);
    List<RawTask<?>> pushed = tasks(101);
    pushed.forEach(victim::push);
    assertThat(thief.stealHalfOf(victim)).isEqualTo(51);
    assertThat(victim.size()).isEqualTo(50);
    Set<RawTask<?>> seen = new HashSet<>();
    for (RawTask<?> task = thief.poll(); task != null; task = thief.poll()) {
      seen.add(task);
    }
    for (RawTask<?> task = victim.poll(); task != null; task = victim.poll()) {
      seen.add(task);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(pushed);
  }

  @Test
  void batchFromTheGlobalQueueIsAShareAndDrainGivesBack() {
    MpmcGlobalQueue<RawTask<?>> global = new MpmcGlobalQueue<>(ExecutorState.GLOBAL_QUEUE_CAPACITY);
    LocalRunQueue local = new LocalRunQueue(global);
    tasks(100).forEach(global::push);
    assertThat(local.takeBatchFromGlobal(4)).isEqualTo(26);
    assertThat(global.depth()).isEqualTo(74);
    local.drainToGlobal();
    assertThat(local.size()).isZero();
    assertThat(global.depth()).isEqualTo(100);
  }
}
