package dev.gearbox.workstealing;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Model check of the local run queue (Lincheck, model checking of interleavings): the owner's
 * pushes and pops and one thief's steal-half are linearizable against the queue run sequentially.
 * Thieves racing each other are covered by {@link LocalRunQueueStressTest}: a thief that meets an
 * active thief backs off with nothing, which a sequential specification cannot express.
 */
public class LocalRunQueueLincheckTest {
  private static final int TASKS = 64;

  private final GlobalQueue globalQueue = new GlobalQueue();
  private final LocalRunQueue queue = new LocalRunQueue();
  private final List<ScheduledTask<?>> tasks = LocalRunQueueStressTest.newTasks(TASKS);
  private final WorkerCounters counters = new WorkerCounters();
  private int pushed;

  /**
   * The owner pushes the next task.
   *
   * @return the index of the pushed task
   */
  @Operation(nonParallelGroup = "owner")
  public int push() {
    int index = pushed++;
    queue.pushBackOrOverflow(tasks.get(index), globalQueue);
    return index;
  }

  /**
   * The owner pops.
   *
   * @return the index of the popped task, or -1
   */
  @Operation(nonParallelGroup = "owner")
  public int pop() {
    return indexOf(queue.pop());
  }

  /**
   * A thief steals half into a queue of its own and drains it.
   *
   * @return the indices taken, the returned task first
   */
  @Operation(nonParallelGroup = "thief")
  public List<Integer> steal() {
    LocalRunQueue mine = new LocalRunQueue();
    List<Integer> taken = new ArrayList<>();
    ScheduledTask<?> first = queue.stealInto(mine, counters);
    if (first != null) {
      taken.add(indexOf(first));
      for (ScheduledTask<?> next = mine.pop(); next != null; next = mine.pop()) {
        taken.add(indexOf(next));
      }
    }
    return taken;
  }

  private int indexOf(ScheduledTask<?> task) {
    return task == null ? -1 : tasks.indexOf(task);
  }

  @Test
  void modelCheck() {
    new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(2)
        .actorsPerThread(4)
        .check(LocalRunQueueLincheckTest.class);
  }
}
