package dev.gearbox.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a runtime's live tasks (and fibers), as a thread dump is of threads: counts of
 * every live task by state and by the leaf future it waits in, and the first tasks found, each with
 * its details. Made by {@link Runtime#dumpTasks(int)}; {@link #toString()} is the readable text.
 *
 * <p>A dump is taken while the runtime runs, without stopping it: a task that changes state during
 * the walk is seen in one of its states, and a task spawned or finished meanwhile may be missed.
 * Its size is bounded by the limit it was taken with, whatever the number of tasks.
 */
public final class TaskDump {
  /** The number of tasks a dump lists when no limit is given. */
  public static final int DEFAULT_LIMIT = 1000;

  /** What a task is doing. */
  public enum State {
    /** Waiting for a wake: its last poll returned Pending (the leaf says where). */
    IDLE,
    /** Woken or new, in a run queue: a worker will poll it. */
    SCHEDULED,
    /** Inside a poll on a worker. */
    RUNNING,
    /** A {@code spawnBlocking} task inside its blocking call on a blocking-pool thread. */
    BLOCKING
  }

  /**
   * One live task.
   *
   * @param id the task's id ({@link JoinHandle#id()})
   * @param name the name the task was spawned with ({@link Runtime#spawn(String,
   *     dev.gearbox.future.Future)}, {@link Runtime#spawnFiber(String,
   *     java.util.concurrent.Callable)}), or null
   * @param state what it is doing
   * @param fiber whether the task carries a fiber
   * @param leaf the innermost future it waits in, as the future labelled itself (such as {@code
   *     Channel.receive}), or null if none did
   * @param future the type of the task's own (top-level) future, or null once it finished
   * @param age how long the task has lived: since its spawn when spawn sites are captured, else
   *     since it first returned Pending; null if unknown (a task that has not waited yet)
   * @param worker the name of the thread polling it (state {@link State#RUNNING} or {@link
   *     State#BLOCKING}), else null
   * @param spawnSite where it was spawned ({@code Class.method(File:line)}), when spawn-site
   *     capture ({@code gearbox.spawnSite}) is on; else null
   */
  public record Task(
      long id,
      String name,
      State state,
      boolean fiber,
      String leaf,
      String future,
      Duration age,
      String worker,
      String spawnSite) {}

  private final String runtime;
  private final String runtimeName;
  private final long total;
  private final Map<State, Long> byState;
  private final Map<String, Long> byLeaf;
  private final List<Task> tasks;
  private final int limit;

  /**
   * Creates a dump; runtimes build dumps through {@code dev.gearbox.spi.TaskCensus}.
   *
   * @param runtime the runtime's kind
   * @param runtimeName the runtime's instance name ({@link Runtime#name()}, such as {@code
   *     gearbox-workstealing#1}), which tells apart two runtimes of one kind
   * @param total the number of live tasks found
   * @param byState the counts by state
   * @param byLeaf the counts by leaf future ({@code "(none)"} for tasks without one)
   * @param tasks the tasks listed, at most {@code limit}
   * @param limit the most tasks the dump lists
   */
  public TaskDump(
      String runtime,
      String runtimeName,
      long total,
      Map<State, Long> byState,
      Map<String, Long> byLeaf,
      List<Task> tasks,
      int limit) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.runtimeName = Objects.requireNonNull(runtimeName, "runtimeName");
    this.total = total;
    EnumMap<State, Long> states = new EnumMap<>(State.class);
    for (State state : State.values()) {
      states.put(state, byState.getOrDefault(state, 0L));
    }
    this.byState = Collections.unmodifiableMap(states);
    this.byLeaf = Collections.unmodifiableMap(new LinkedHashMap<>(byLeaf));
    this.tasks = List.copyOf(tasks);
    this.limit = limit;
  }

  /**
   * The kind of the runtime the dump was taken of.
   *
   * @return the runtime's kind
   */
  public String runtime() {
    return runtime;
  }

  /**
   * The name of the runtime instance the dump was taken of, as {@link Runtime#name()} (and its
   * MXBean) has it, such as {@code gearbox-workstealing#1}: it tells apart two runtimes of one
   * kind.
   *
   * @return the runtime's name
   */
  public String runtimeName() {
    return runtimeName;
  }

  /**
   * The number of live tasks found, listed or not.
   *
   * @return the count
   */
  public long total() {
    return total;
  }

  /**
   * The live tasks counted by state; every state is present.
   *
   * @return counts by state
   */
  public Map<State, Long> byState() {
    return byState;
  }

  /**
   * The live tasks counted by leaf future, the most frequent first; {@code "(none)"} counts the
   * tasks whose leaf did not label itself (running, scheduled, or waiting in a future of their
   * own).
   *
   * @return counts by leaf
   */
  public Map<String, Long> byLeaf() {
    return byLeaf;
  }

  /**
   * The tasks listed: the first {@link #limit()} found.
   *
   * @return the listed tasks
   */
  public List<Task> tasks() {
    return tasks;
  }

  /**
   * The most tasks this dump lists.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }

  /**
   * The dump as text, in the manner of a thread dump: a summary, then one paragraph per listed
   * task.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return TaskDumpText.format(this);
  }
}
