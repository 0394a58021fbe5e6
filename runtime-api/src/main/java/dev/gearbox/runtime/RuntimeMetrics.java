package dev.gearbox.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of a runtime, read live. Every runtime reports these; a runtime may report more through
 * {@link #all()}.
 */
public interface RuntimeMetrics {

  /**
   * The number of threads that poll tasks (0 for a runtime driven only by its callers).
   *
   * @return the worker count
   */
  int workers();

  /**
   * Tasks spawned and not yet complete, blocking tasks included.
   *
   * @return the alive task count
   */
  long aliveTasks();

  /**
   * Tasks spawned since the runtime started, blocking tasks included.
   *
   * @return the spawn count
   */
  long spawnedTasks();

  /**
   * Polls of tasks since the runtime started.
   *
   * @return the poll count
   */
  long polls();

  /**
   * Failures of tasks nobody joined, since the runtime started (see {@link
   * UnjoinedFailureHandler}); the default, for a runtime that does not count them, is 0.
   *
   * @return the count
   */
  default long unjoinedFailures() {
    return 0;
  }

  /**
   * Every counter this runtime reports, by name, in a stable order.
   *
   * @return a snapshot of the counters
   */
  default Map<String, Long> all() {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put("workers", (long) workers());
    all.put("aliveTasks", aliveTasks());
    all.put("spawnedTasks", spawnedTasks());
    all.put("polls", polls());
    all.put("unjoinedFailures", unjoinedFailures());
    return all;
  }
}
