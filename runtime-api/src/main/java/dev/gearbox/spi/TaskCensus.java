package dev.gearbox.spi;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.TaskDump;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TaskDump} from a walk over a runtime's live tasks, without stopping the runtime:
 * the runtime hands it its {@link OwnedTasks} sets, then the tasks of its run queues and those its
 * workers poll. Every task is counted; the first {@code limit} are described. Memory stays bounded
 * by the limit (and a bounded number of distinct leaf labels), whatever the number of tasks.
 *
 * <p>Implementation notes: a task bound to an {@link OwnedTasks} set is counted when that set is
 * walked, and skipped when met again in a queue or on a worker, so the order is: owned sets first,
 * then queues and workers, which add only the tasks in no set (new tasks, tasks that only yielded,
 * tasks in their first poll). Entries of finished tasks (stale queue entries) are skipped. Fields
 * of a task are read without synchronisation, each once: a racing change shows one of the task's
 * states, never a torn value.
 *
 * <p>The state is read from the state word: {@link RawTask#RUNNING} with a polling thread is
 * running (blocking, in a blocking pool), RUNNING without one is a yield whose queue entry holds
 * the claim (scheduled), {@link RawTask#SCHEDULED} is scheduled, and neither is idle.
 */
public final class TaskCensus {
  /** Distinct leaf labels counted one by one; further ones are counted together. */
  private static final int MAX_LEAVES = 256;

  private static final String NO_LEAF = "(none)";
  private static final String OTHER_LEAVES = "(other leaves)";

  private final String runtime;
  private final String runtimeName;
  private final int limit;
  private final long nowNanos = System.nanoTime();
  private final EnumMap<TaskDump.State, long[]> byState = new EnumMap<>(TaskDump.State.class);
  private final HashMap<String, long[]> byLeaf = new HashMap<>();
  private final List<TaskDump.Task> listed = new ArrayList<>();
  private long total;

  /**
   * Starts a census.
   *
   * @param runtime the runtime's kind
   * @param runtimeName the runtime's instance name ({@code Runtime.name()})
   * @param limit the most tasks to describe
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public TaskCensus(String runtime, String runtimeName, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "task dump limit " + limit + " is negative: give 0 or more tasks to list");
    }
    this.runtime = runtime;
    this.runtimeName = runtimeName;
    this.limit = limit;
    for (TaskDump.State state : TaskDump.State.values()) {
      byState.put(state, new long[1]);
    }
  }

  /**
   * Counts every task of {@code tasks}, the set of a runtime's tasks (or of those that waited).
   *
   * @param tasks the set
   */
  public void addOwned(OwnedTasks tasks) {
    tasks.forEach(task -> visit(task, false));
  }

  /**
   * Counts the tasks of a blocking pool: one inside its call is {@link TaskDump.State#BLOCKING}.
   *
   * @param pool the pool
   */
  public void addBlocking(BlockingPool pool) {
    pool.ownedTasks().forEach(task -> visit(task, true));
  }

  /**
   * Counts a task found in a run queue or on a worker, unless it is in an {@link OwnedTasks} set
   * (counted there) or finished (a stale entry). A null is ignored.
   *
   * @param task the task, or null
   */
  public void addUnowned(RawTask<?> task) {
    if (task != null && !task.isOwned()) {
      visit(task, false);
    }
  }

  /**
   * As {@link #addUnowned(RawTask)} for each task of a queue's weakly consistent iteration.
   *
   * @param tasks the queued tasks
   */
  public void addUnowned(Iterable<? extends RawTask<?>> tasks) {
    for (RawTask<?> task : tasks) {
      addUnowned(task);
    }
  }

  /**
   * Counts a live task that a runtime keeps in a form of its own rather than as a {@link RawTask}
   * (the embedded executor's pooled tasks), as the runtime describes it; a record is made only if
   * the task is listed. It has no spawn record, so no age and no spawn site.
   *
   * @param id the task's number (for a pooled task, its slot's index in the pool)
   * @param name its name, or null
   * @param state what it is doing
   * @param leaf the label of the future it waits in, or null
   * @param type the type of its body or future, or null
   * @param worker the thread polling it (state {@link TaskDump.State#RUNNING}), else null
   */
  public void addTask(
      long id, String name, TaskDump.State state, String leaf, Class<?> type, Thread worker) {
    total++;
    byState.get(state)[0]++;
    countLeaf(leaf);
    if (listed.size() < limit) {
      String running = state == TaskDump.State.RUNNING && worker != null ? worker.getName() : null;
      listed.add(
          new TaskDump.Task(
              id,
              name,
              state,
              false,
              leaf,
              type == null ? null : typeName(type),
              null,
              running,
              null));
    }
  }

  private void visit(RawTask<?> task, boolean blockingPool) {
    int state = task.state();
    if ((state & RawTask.COMPLETE) != 0) {
      return;
    }
    Thread runner = task.runnerForDump();
    TaskDump.State named = stateOf(state, runner, blockingPool);
    Future<?> future = task.futureForDump();
    boolean fiber = future instanceof FiberTask<?>;
    String leaf = leafOf(task, future, blockingPool);
    total++;
    byState.get(named)[0]++;
    countLeaf(leaf);
    if (listed.size() < limit) {
      listed.add(describe(task, named, fiber, leaf, future, runner));
    }
  }

  private static TaskDump.State stateOf(int state, Thread runner, boolean blockingPool) {
    if ((state & RawTask.RUNNING) != 0) {
      if (runner == null) {
        return TaskDump.State.SCHEDULED; // a yield whose queue entry holds the claim
      }
      return blockingPool ? TaskDump.State.BLOCKING : TaskDump.State.RUNNING;
    }
    return (state & RawTask.SCHEDULED) != 0 ? TaskDump.State.SCHEDULED : TaskDump.State.IDLE;
  }

  private static String leafOf(RawTask<?> task, Future<?> future, boolean blockingPool) {
    if (blockingPool) {
      return "spawnBlocking";
    }
    if (future instanceof FiberTask<?> fiber) {
      return fiber.leafForDump();
    }
    return task.leaf();
  }

  private void countLeaf(String leaf) {
    String key = leaf == null ? NO_LEAF : leaf;
    long[] count = byLeaf.get(key);
    if (count == null) {
      if (byLeaf.size() >= MAX_LEAVES) {
        key = OTHER_LEAVES;
        count = byLeaf.get(key);
      }
      if (count == null) {
        count = new long[1];
        byLeaf.put(key, count);
      }
    }
    count[0]++;
  }

  private TaskDump.Task describe(
      RawTask<?> task,
      TaskDump.State state,
      boolean fiber,
      String leaf,
      Future<?> future,
      Thread runner) {
    TaskOrigin origin = task.origin();
    long since = origin != null ? origin.spawnNanos() : task.firstPendingNanos();
    Duration age = since == 0 ? null : Duration.ofNanos(Math.max(0, nowNanos - since));
    boolean polling = state == TaskDump.State.RUNNING || state == TaskDump.State.BLOCKING;
    return new TaskDump.Task(
        task.id(),
        task.name(),
        state,
        fiber,
        leaf,
        future == null ? null : typeName(future),
        age,
        polling && runner != null ? runner.getName() : null,
        origin == null ? null : origin.site());
  }

  private static String typeName(Future<?> future) {
    if (future instanceof FiberTask<?>) {
      return "fiber";
    }
    return typeName(future.getClass());
  }

  private static String typeName(Class<?> type) {
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda < 0 ? name : "a lambda of " + name.substring(0, lambda);
  }

  /**
   * The dump: the counts, leaves most frequent first, and the tasks described.
   *
   * @return the dump
   */
  public TaskDump finish() {
    Map<TaskDump.State, Long> states = new EnumMap<>(TaskDump.State.class);
    byState.forEach((state, count) -> states.put(state, count[0]));
    Map<String, Long> leaves = new LinkedHashMap<>();
    byLeaf.entrySet().stream()
        .sorted(
            Comparator.comparingLong((Map.Entry<String, long[]> entry) -> -entry.getValue()[0])
                .thenComparing(Map.Entry::getKey))
        .forEach(entry -> leaves.put(entry.getKey(), entry.getValue()[0]));
    return new TaskDump(runtime, runtimeName, total, states, leaves, listed, limit);
  }
}
