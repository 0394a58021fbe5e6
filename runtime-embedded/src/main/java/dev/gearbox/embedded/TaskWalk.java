package dev.gearbox.embedded;

import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.TaskCensus;
import java.util.function.Consumer;

/**
 * Finds every live task of the embedded runtime for a task dump, without stopping its executor: the
 * waiting ones in the owned set, then the runtime's tasks the executor holds (inside a poll, in the
 * batch it runs, in its run queue), read without synchronisation (see TaskCensus), then the pooled
 * tasks ({@link TaskPool}) spawned on the executor, found by a walk over its pools' slots.
 */
final class TaskWalk {
  private TaskWalk() {}

  static void census(OwnedTasks owned, EmbeddedExecutor executor, int poolSize, TaskCensus census) {
    census.addOwned(owned);
    // A node is at most once in the queue and the batch; the bound only stops a walk that races
    // with a relink from following a cycle.
    int max = poolSize + 1;
    executor.forEachForDump(
        node -> {
          if (node instanceof EmbeddedTask<?> task) {
            census.addUnowned(task);
          }
        },
        max);
    executor.censusPooled(census);
  }

  /** Follows runNext from {@code first}, at most {@code max} nodes. */
  static void walk(TaskNode first, Consumer<TaskNode> visitor, int max) {
    int seen = 0;
    for (TaskNode node = first; node != null && seen < max; node = node.runNext()) {
      visitor.accept(node);
      seen++;
    }
  }
}
