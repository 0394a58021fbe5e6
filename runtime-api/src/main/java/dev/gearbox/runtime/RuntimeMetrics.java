package dev.gearbox.runtime;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The metrics of a runtime, read live. {@link #describe()} says which metrics a runtime reports
 * (the {@linkplain Metric#shared() shared} ones that apply to it, then its own extras, named with
 * its kind as a prefix), {@link #snapshot()} reads them all. Reading costs the runtime's hot path
 * nothing: counters are kept per worker thread and summed on read, gauges are computed on read. The
 * table of every metric and what each runtime reports is in {@code docs/observability.md}.
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
   * The metrics this runtime reports, in the order of {@link #snapshot()}: the shared metrics that
   * apply to it, then its own extras. The default, for a runtime that reports only the accessors of
   * this interface, is those five.
   *
   * @return the descriptors
   */
  default List<Metric> describe() {
    return List.of(
        Metric.WORKERS,
        Metric.TASKS_ALIVE,
        Metric.TASKS_SPAWNED,
        Metric.POLLS,
        Metric.UNJOINED_FAILURES);
  }

  /**
   * The shared metrics that do not apply to this runtime (steals on a single-threaded executor,
   * say): every shared metric is either {@linkplain #describe() described} or here. The default is
   * the shared metrics {@link #describe()} leaves out.
   *
   * @return the shared metrics this runtime does not report
   */
  default Set<Metric> notApplicable() {
    Set<Metric> missing = new LinkedHashSet<>(Metric.shared());
    missing.removeAll(describe());
    return missing;
  }

  /**
   * Reads every metric of {@link #describe()}, by name, in that order. Counters are recent, not
   * synchronized, values: two metrics of one snapshot may be read a moment apart.
   *
   * @return a new map of the values
   */
  default Map<String, Long> snapshot() {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put(Metric.WORKERS.name(), (long) workers());
    all.put(Metric.TASKS_ALIVE.name(), aliveTasks());
    all.put(Metric.TASKS_SPAWNED.name(), spawnedTasks());
    all.put(Metric.POLLS.name(), polls());
    all.put(Metric.UNJOINED_FAILURES.name(), unjoinedFailures());
    return all;
  }

  /**
   * Reads one metric by name.
   *
   * @param name a name from {@link #describe()}
   * @return its value, or empty if this runtime does not report it
   */
  default OptionalLong value(String name) {
    Long value = snapshot().get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * The same as {@link #snapshot()}.
   *
   * @return a new map of the values
   */
  default Map<String, Long> all() {
    return snapshot();
  }
}
