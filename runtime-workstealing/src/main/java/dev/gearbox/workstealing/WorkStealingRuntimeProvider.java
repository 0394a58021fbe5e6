package dev.gearbox.workstealing;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.RuntimeProvider;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.spi.RuntimeMXBeans;
import dev.gearbox.spi.SpawnSites;
import dev.gearbox.spi.sched.Fairness;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Provides the {@code workstealing} runtime, Tokio's multi-threaded scheduler and Gearbox's
 * default: {@code gearbox.workers} worker threads, each with a 256-slot local run queue and a LIFO
 * slot, a global queue, work stealing, and a blocking pool. Select it with {@code
 * gearbox.runtime=workstealing}, or leave the kind unset when it is installed. For hooks (thread
 * start, stop, park, unpark) use {@link #builder()}.
 */
public final class WorkStealingRuntimeProvider implements RuntimeProvider {

  /** The kind that selects this runtime. */
  public static final String KIND = "workstealing";

  /** Worker threads; the default is the number of available processors. */
  public static final ConfigKey<Integer> WORKERS =
      ConfigKey.ofInt(
          "gearbox.workers",
          java.lang.Runtime.getRuntime().availableProcessors(),
          1,
          1024,
          "worker threads that poll tasks (default: available processors)");

  /** The most threads of the blocking pool. */
  public static final ConfigKey<Integer> BLOCKING_MAX_THREADS = CommonKeys.BLOCKING_MAX_THREADS;

  /** How long an idle blocking-pool thread lives. */
  public static final ConfigKey<Duration> BLOCKING_KEEP_ALIVE = CommonKeys.BLOCKING_KEEP_ALIVE;

  /** Every this many scheduler ticks a worker takes from the global queue first. */
  public static final ConfigKey<Integer> GLOBAL_QUEUE_INTERVAL =
      ConfigKey.ofInt(
          "gearbox.workstealing.globalQueueInterval",
          Fairness.GLOBAL_QUEUE_INTERVAL,
          1,
          1_000_000,
          "ticks between a worker's checks of the global queue first");

  /** Whether a task woken or spawned by a running task goes to the worker's LIFO slot. */
  public static final ConfigKey<Boolean> LIFO_SLOT =
      ConfigKey.ofBoolean(
          "gearbox.workstealing.lifoSlot",
          true,
          "run the task most recently woken or spawned by a task next (at most 3 in a row)");

  /**
   * What any task whose poll throws does to the runtime, joined or not: {@code ignore} or {@code
   * shutdown} (Tokio's {@code unhandled_panic}); see {@link #UNJOINED_FAILURE} for failures nobody
   * joined.
   */
  public static final ConfigKey<String> UNHANDLED_PANIC =
      new ConfigKey<>(
          "gearbox.workstealing.unhandledPanic",
          "ignore",
          "ignore or shutdown",
          "ignore: only the task's handle fails; shutdown: the runtime also shuts down",
          text -> {
            String value = text.trim().toLowerCase(Locale.ROOT);
            return value.equals("ignore") || value.equals("shutdown") ? value : null;
          });

  /**
   * What a failure of a task nobody joined does: {@code log}, {@code ignore} or {@code shutdown}.
   */
  public static final ConfigKey<String> UNJOINED_FAILURE = CommonKeys.UNJOINED_FAILURE;

  /** Whether each spawn records where it was spawned, for task dumps (a stack walk per spawn). */
  public static final ConfigKey<Boolean> SPAWN_SITE = CommonKeys.SPAWN_SITE;

  /** Whether the runtime's clock starts paused (a {@code PausedClock}), for tests. */
  public static final ConfigKey<Boolean> TIME_PAUSED = CommonKeys.TIME_PAUSED;

  /** The prefix of the names of the runtime's threads. */
  public static final ConfigKey<String> THREAD_NAME_PREFIX =
      ConfigKey.ofString(
          "gearbox.threadNamePrefix",
          "gearbox-workstealing-",
          "prefix of the names of the runtime's threads");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public WorkStealingRuntimeProvider() {}

  /**
   * A builder for a work-stealing runtime configured in code, with hooks.
   *
   * @return a new builder with every key at its default
   */
  public static WorkStealingRuntimeBuilder builder() {
    return new WorkStealingRuntimeBuilder();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "Tokio-style multi-threaded scheduler: per-worker local queues with a LIFO slot, a"
        + " global queue, work stealing, a cooperative budget";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        WORKERS,
        BLOCKING_MAX_THREADS,
        BLOCKING_KEEP_ALIVE,
        GLOBAL_QUEUE_INTERVAL,
        LIFO_SLOT,
        UNHANDLED_PANIC,
        UNJOINED_FAILURE,
        SPAWN_SITE,
        TIME_PAUSED,
        THREAD_NAME_PREFIX,
        CommonKeys.JMX);
  }

  /**
   * Creates a work-stealing runtime; its worker threads start at once.
   *
   * @param config the resolved configuration
   * @return a new runtime
   * @throws dev.gearbox.runtime.ConfigException if a value is not allowed
   */
  @Override
  public Runtime create(RuntimeConfig config) {
    Objects.requireNonNull(config, "config");
    return RuntimeMXBeans.register(
        SpawnSites.configure(
            config, () -> new WorkStealingRuntime(Settings.from(config, Hooks.NONE))),
        config);
  }
}
