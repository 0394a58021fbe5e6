package dev.gearbox.spi.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The global queue on its own: first in first out through its overflow list, batches included. */
class MpmcGlobalQueueTest {
  private static final int CAPACITY = 64;

  private static List<String> tasks(String prefix, int count) {
    List<String> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(prefix + i);
    }
    return tasks;
  }

  @Test
  void itIsFifoThroughItsOverflow() {
    MpmcGlobalQueue<String> queue = new MpmcGlobalQueue<>(CAPACITY);
    List<String> pushed = tasks("t", CAPACITY * 2 + 7);
    pushed.forEach(queue::push);
    assertThat(queue.depth()).isEqualTo(pushed.size());
    List<String> polled = new ArrayList<>();
    for (String task = queue.pop(); task != null; task = queue.pop()) {
      polled.add(task);
    }
    assertThat(polled).containsExactlyElementsOf(pushed);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aBatchBeyondTheRingsRoomGoesToTheOverflowInOrder() {
    MpmcGlobalQueue<String> queue = new MpmcGlobalQueue<>(CAPACITY);
    for (int i = 0; i < CAPACITY - 3; i++) {
      queue.push("filler");
    }
    List<String> batch = tasks("b", 10);

    queue.pushBatch(batch.toArray(String[]::new), 8); // 3 fit in the ring, 5 overflow
    assertThat(queue.depth()).isEqualTo(CAPACITY + 5);
    for (int i = 0; i < CAPACITY - 3; i++) {
      assertThat(queue.pop()).isEqualTo("filler");
    }
    for (int i = 0; i < 8; i++) {
      assertThat(queue.pop()).isEqualTo(batch.get(i));
    }
    assertThat(queue.isEmpty()).isTrue();
  }
}
