package dev.gearbox.spi.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The local queue on its own, under both overflow policies: spilling the older half and spilling
 * only the new task; stealing half, batches from the global queue and draining out.
 */
class SpmcLocalQueueTest {
  private static final int GLOBAL_CAPACITY = 1024;

  private final MpmcGlobalQueue<String> global = new MpmcGlobalQueue<>(GLOBAL_CAPACITY);

  private SpmcLocalQueue<String> spillingOlderHalf() {
    return new SpmcLocalQueue<>(String[]::new, SpmcLocalQueue.CAPACITY / 2, global::pushBatch);
  }

  private SpmcLocalQueue<String> spillingOnlyTheNewTask() {
    return new SpmcLocalQueue<>(String[]::new, 0, global::pushBatch);
  }

  private static List<String> tasks(String prefix, int count) {
    List<String> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(prefix + i);
    }
    return tasks;
  }

  /** Pops until {@code pop} returns null: a local queue's or the global queue's {@code pop}. */
  private static List<String> popAll(Supplier<String> pop) {
    List<String> popped = new ArrayList<>();
    for (String task = pop.get(); task != null; task = pop.get()) {
      popped.add(task);
    }
    return popped;
  }

  @Test
  void aFullQueueMovesItsOlderHalfToTheGlobalQueue() {
    SpmcLocalQueue<String> local = spillingOlderHalf();
    List<String> tasks = tasks("t", SpmcLocalQueue.CAPACITY + 44);
    tasks.forEach(local::pushBackOrOverflow);

    int half = SpmcLocalQueue.CAPACITY / 2;
    assertThat(global.depth()).isEqualTo(half);
    assertThat(local.len()).isEqualTo(SpmcLocalQueue.CAPACITY - half + 44);
    assertThat(popAll(local::pop)).containsExactlyElementsOf(tasks.subList(half, tasks.size()));
    for (int i = 0; i < half; i++) {
      assertThat(global.pop()).isEqualTo(tasks.get(i));
    }
    assertThat(global.isEmpty()).isTrue();
  }

  @Test
  void aFullQueueThatSpillsNoOlderTaskSendsOnlyTheNewOne() {
    SpmcLocalQueue<String> local = spillingOnlyTheNewTask();
    List<String> tasks = tasks("t", SpmcLocalQueue.CAPACITY + 10);
    tasks.forEach(local::pushBackOrOverflow);

    assertThat(local.len()).isEqualTo(SpmcLocalQueue.CAPACITY);
    assertThat(local.remainingSlots()).isZero();
    assertThat(popAll(global::pop))
        .containsExactlyElementsOf(tasks.subList(SpmcLocalQueue.CAPACITY, tasks.size()));
  }

  @Test
  void aThiefTakesHalfRoundedUpAndRunsTheOldest() {
    SpmcLocalQueue<String> victim = spillingOlderHalf();
    SpmcLocalQueue<String> thief = spillingOlderHalf();
    List<String> tasks = tasks("t", 9);
    tasks.forEach(victim::pushBackOrOverflow);

    assertThat(victim.stealInto(thief)).isEqualTo(tasks.get(0));
    assertThat(popAll(thief::pop)).containsExactlyElementsOf(tasks.subList(1, 5));
    assertThat(popAll(victim::pop)).containsExactlyElementsOf(tasks.subList(5, 9));
    assertThat(victim.stealInto(thief)).isNull();
    assertThat(global.isEmpty()).isTrue();
  }

  @Test
  void stealingLosesNothingAndDuplicatesNothing() {
    SpmcLocalQueue<String> victim = spillingOnlyTheNewTask();
    SpmcLocalQueue<String> thief = spillingOnlyTheNewTask();
    List<String> tasks = tasks("t", 101);
    tasks.forEach(victim::pushBackOrOverflow);

    String first = victim.stealInto(thief);
    assertThat(thief.len() + 1).isEqualTo(51);
    assertThat(victim.len()).isEqualTo(50);
    Set<String> seen = new HashSet<>(popAll(thief::pop));
    seen.add(first);
    seen.addAll(popAll(victim::pop));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(tasks);
  }

  @Test
  void aStealIntoAFullQueueTakesNoMoreThanItsSlots() {
    SpmcLocalQueue<String> victim = spillingOlderHalf();
    SpmcLocalQueue<String> thief = spillingOlderHalf();
    tasks("v", 10).forEach(victim::pushBackOrOverflow);
    tasks("t", SpmcLocalQueue.CAPACITY).forEach(thief::pushBackOrOverflow);

    assertThat(victim.stealInto(thief)).isEqualTo("v0");
    assertThat(victim.len() + thief.len() + global.depth())
        .isEqualTo(10 + SpmcLocalQueue.CAPACITY - 1);
  }

  @Test
  void aBatchFromTheGlobalQueueTakesAtMostTheSlotsLeftAndDrainMovesEverything() {
    SpmcLocalQueue<String> local = spillingOlderHalf();
    List<String> tasks = tasks("g", SpmcLocalQueue.CAPACITY + 10);
    tasks.forEach(global::push);
    tasks("l", SpmcLocalQueue.CAPACITY - 5).forEach(local::pushBackOrOverflow);

    assertThat(global.popBatch(100, local)).isEqualTo(tasks.get(0)); // and 5 more queued
    assertThat(local.len()).isEqualTo(SpmcLocalQueue.CAPACITY);
    assertThat(local.drainTo(global::push)).isEqualTo(SpmcLocalQueue.CAPACITY);
    assertThat(local.isEmpty()).isTrue();
    assertThat(global.depth()).isEqualTo(tasks.size() - 6 + SpmcLocalQueue.CAPACITY);
    assertThat(global.pop()).isEqualTo(tasks.get(6));
    assertThat(new MpmcGlobalQueue<String>(16).popBatch(10, spillingOlderHalf())).isNull();
  }

  @Test
  void forEachQueuedSeesEveryQueuedTask() {
    SpmcLocalQueue<String> local = spillingOlderHalf();
    List<String> tasks = tasks("t", 20);
    tasks.forEach(local::pushBackOrOverflow);
    List<String> seen = new ArrayList<>();
    local.forEachQueued(seen::add);
    assertThat(seen).containsExactlyElementsOf(tasks);
  }

  @Test
  void aSpillBeyondHalfTheCapacityIsRefusedWithTheAllowedRange() {
    assertThatThrownBy(() -> new SpmcLocalQueue<String>(String[]::new, 129, global::pushBatch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("olderTasksToSpill is 129")
        .hasMessageContaining("0 to 128");
  }
}
