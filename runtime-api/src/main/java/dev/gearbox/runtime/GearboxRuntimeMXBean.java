package dev.gearbox.runtime;

import java.util.Map;

/**
 * The management interface of a Gearbox runtime, as {@code jconsole}, {@code jcmd} or any JMX
 * client sees it. Every runtime registers one with the platform MBean server unless {@code
 * gearbox.jmx=false}, under {@code dev.gearbox:type=Runtime,kind=<kind>,name=<name>} ({@link
 * RuntimeObjectNames#objectName(Runtime)}), and unregisters it at shutdown.
 *
 * <p>The attributes are the {@linkplain Metric#shared() shared metrics}; one the runtime does not
 * report ({@link RuntimeMetrics#notApplicable()}) reads as -1. {@link #getMetrics()} holds every
 * metric the runtime reports, its own extras included. Each read computes the value then: there is
 * no sampling thread.
 */
public interface GearboxRuntimeMXBean {

  /**
   * The runtime's kind, e.g. {@code workstealing}.
   *
   * @return the kind
   */
  String getKind();

  /**
   * The runtime's name, unique in this JVM ({@link Runtime#name()}).
   *
   * @return the name
   */
  String getName();

  /**
   * Whether the runtime is shut down (an MXBean read at the moment it shuts down).
   *
   * @return true once shut down
   */
  boolean isShutdown();

  /**
   * {@link Metric#WORKERS}.
   *
   * @return the value, -1 where not reported
   */
  long getWorkers();

  /**
   * {@link Metric#TASKS_ALIVE}.
   *
   * @return the value, -1 where not reported
   */
  long getAliveTasks();

  /**
   * {@link Metric#TASKS_SPAWNED}.
   *
   * @return the value, -1 where not reported
   */
  long getSpawnedTasks();

  /**
   * {@link Metric#POLLS}.
   *
   * @return the value, -1 where not reported
   */
  long getPolls();

  /**
   * {@link Metric#STEALS}.
   *
   * @return the value, -1 where not reported
   */
  long getSteals();

  /**
   * {@link Metric#GLOBAL_QUEUE_DEPTH}.
   *
   * @return the value, -1 where not reported
   */
  long getGlobalQueueDepth();

  /**
   * {@link Metric#LOCAL_QUEUE_DEPTH}.
   *
   * @return the value, -1 where not reported
   */
  long getLocalQueueDepth();

  /**
   * {@link Metric#PARKS}.
   *
   * @return the value, -1 where not reported
   */
  long getParks();

  /**
   * {@link Metric#BLOCKING_THREADS}.
   *
   * @return the value, -1 where not reported
   */
  long getBlockingThreads();

  /**
   * {@link Metric#BLOCKING_QUEUE_DEPTH}.
   *
   * @return the value, -1 where not reported
   */
  long getBlockingQueueDepth();

  /**
   * {@link Metric#TIMERS_PENDING}.
   *
   * @return the value, -1 where not reported
   */
  long getTimersPending();

  /**
   * {@link Metric#IO_REGISTRATIONS}.
   *
   * @return the value, -1 where not reported
   */
  long getIoRegistrations();

  /**
   * {@link Metric#UNJOINED_FAILURES}.
   *
   * @return the value, -1 where not reported
   */
  long getUnjoinedFailures();

  /**
   * {@link Metric#SLOW_POLLS}.
   *
   * @return the value, -1 where not reported
   */
  long getSlowPolls();

  /**
   * Every metric the runtime reports, its extras included, by name ({@link
   * RuntimeMetrics#snapshot()}).
   *
   * @return the values
   */
  Map<String, Long> getMetrics();

  /**
   * Shuts the runtime down ({@link Runtime#shutdown(java.time.Duration)}) and waits up to {@code
   * timeoutMillis} for its threads to end. The MXBean is unregistered as the shutdown starts.
   *
   * @param timeoutMillis the longest wait, in milliseconds (negative counts as 0)
   * @return true if the runtime terminated in time
   */
  boolean shutdown(long timeoutMillis);

  /**
   * A dump of the runtime's live tasks and fibers as text ({@link Runtime#dumpTasks(int)}): counts
   * by state and by the future each waits in, and the first {@code limit} tasks one by one.
   *
   * @param limit the most tasks to list (all are counted), at least 0
   * @return the dump's text, or a line saying the runtime is gone
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  String dumpTasks(int limit);
}
