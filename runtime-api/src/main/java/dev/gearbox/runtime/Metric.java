package dev.gearbox.runtime;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The description of one runtime metric, so that an exporter (JMX, Micrometer, a log line) can bind
 * it without knowing the runtime: its name, whether it is a counter or a gauge, its unit and what
 * it counts. Values are read from {@link RuntimeMetrics#snapshot()}.
 *
 * <p>The shared metrics ({@link #shared()}) mean the same on every runtime; each runtime reports
 * those that apply to it ({@link RuntimeMetrics#describe()}) and names those that do not ({@link
 * RuntimeMetrics#notApplicable()}). A runtime's own extras are named with its kind as a prefix
 * ({@code workstealing.polls.lifo}).
 *
 * @param name the dotted lower-case name, e.g. {@code tasks.alive}
 * @param kind counter (only grows) or gauge (a current level)
 * @param unit the base unit of the value, plural, e.g. {@code tasks}
 * @param description one line saying what the value counts
 */
public record Metric(String name, Kind kind, String unit, String description) {

  /** How a metric's value moves. */
  public enum Kind {
    /** Monotonic: counts events since the runtime was created. */
    COUNTER,
    /** A current level, read when asked. */
    GAUGE
  }

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

  /** Threads that poll tasks now. */
  public static final Metric WORKERS =
      gauge("workers", "threads", "threads that poll tasks (0 for a runtime its callers drive)");

  /** Tasks spawned and not yet complete. */
  public static final Metric TASKS_ALIVE =
      gauge("tasks.alive", "tasks", "tasks spawned and not yet complete, blocking tasks included");

  /** Tasks spawned since the runtime was created. */
  public static final Metric TASKS_SPAWNED =
      counter("tasks.spawned", "tasks", "tasks spawned, blocking tasks included");

  /** Polls of tasks. */
  public static final Metric POLLS = counter("polls", "polls", "polls of tasks");

  /** Tasks a worker took from another worker's local queue. */
  public static final Metric STEALS =
      counter("steals", "tasks", "tasks a worker stole from another worker's local queue");

  /** Tasks waiting in the queue every worker takes from. */
  public static final Metric GLOBAL_QUEUE_DEPTH =
      gauge(
          "queue.global.depth",
          "tasks",
          "tasks waiting in the queue every worker takes from (the global or shared run queue)");

  /** Tasks waiting in the workers' own queues, summed. */
  public static final Metric LOCAL_QUEUE_DEPTH =
      gauge("queue.local.depth", "tasks", "tasks waiting in the workers' own run queues, summed");

  /** Times a worker parked for lack of work. */
  public static final Metric PARKS =
      counter("parks", "parks", "times a worker went to sleep because it found no work");

  /** Threads of the blocking pool. */
  public static final Metric BLOCKING_THREADS =
      gauge("blocking.threads", "threads", "threads of the blocking pool (spawnBlocking), alive");

  /** Blocking tasks waiting for a thread. */
  public static final Metric BLOCKING_QUEUE_DEPTH =
      gauge("blocking.queue.depth", "tasks", "blocking tasks queued for a pool thread");

  /** Timers registered and not yet fired or cancelled. */
  public static final Metric TIMERS_PENDING =
      gauge("timers.pending", "timers", "timers registered and not yet fired or cancelled");

  /** Channels registered with the I/O reactor. */
  public static final Metric IO_REGISTRATIONS =
      gauge(
          "io.registrations",
          "channels",
          "sockets registered with the I/O reactor and not yet deregistered");

  /** Failures of tasks nobody joined. */
  public static final Metric UNJOINED_FAILURES =
      counter(
          "tasks.unjoined.failures",
          "tasks",
          "tasks that failed while nobody joined them (see UnjoinedFailureHandler)");

  /** Polls longer than the runtime's slow-poll threshold. */
  public static final Metric SLOW_POLLS =
      counter(
          "polls.slow",
          "polls",
          "polls longer than the runtime's slow-poll threshold, counted while polls are timed");

  private static final List<Metric> SHARED =
      List.of(
          WORKERS,
          TASKS_ALIVE,
          TASKS_SPAWNED,
          POLLS,
          STEALS,
          GLOBAL_QUEUE_DEPTH,
          LOCAL_QUEUE_DEPTH,
          PARKS,
          BLOCKING_THREADS,
          BLOCKING_QUEUE_DEPTH,
          TIMERS_PENDING,
          IO_REGISTRATIONS,
          UNJOINED_FAILURES,
          SLOW_POLLS);

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code name} is not dotted lower case ({@code
   *     [a-z][a-z0-9_]*} segments separated by dots)
   */
  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "metric name '"
              + name
              + "' is not allowed: expected dotted lower case, e.g. workstealing.polls.lifo");
    }
  }

  /**
   * A counter: a value that only grows.
   *
   * @param name the dotted lower-case name
   * @param unit the base unit, plural
   * @param description what it counts
   * @return the descriptor
   */
  public static Metric counter(String name, String unit, String description) {
    return new Metric(name, Kind.COUNTER, unit, description);
  }

  /**
   * A gauge: a current level.
   *
   * @param name the dotted lower-case name
   * @param unit the base unit, plural
   * @param description what it measures
   * @return the descriptor
   */
  public static Metric gauge(String name, String unit, String description) {
    return new Metric(name, Kind.GAUGE, unit, description);
  }

  /**
   * The metrics that mean the same on every runtime, in a stable order.
   *
   * @return the shared metrics
   */
  public static List<Metric> shared() {
    return SHARED;
  }

  /**
   * Whether this is one of the {@link #shared()} metrics (else it is a runtime's own extra).
   *
   * @return true for a shared metric
   */
  public boolean isShared() {
    return SHARED.contains(this);
  }
}
