package dev.gearbox.multithread;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.RuntimeProvider;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.spi.RuntimeMXBeans;
import dev.gearbox.spi.SpawnSites;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Provides the {@code multithread} runtime, async-std's analogue: {@code gearbox.workers} worker
 * threads take tasks from one global queue; a monitor thread replaces a worker that stays inside
 * one poll longer than {@code gearbox.multithread.blockingThreshold}, so a task that blocks its
 * thread does not hold up the others; a dedicated thread drives timers and I/O; blocking work goes
 * to an adaptive pool. Select it with {@code gearbox.runtime=multithread}, or build one in code
 * with {@link #builder()}.
 */
public final class MultithreadRuntimeProvider implements RuntimeProvider {

  /** The kind that selects this runtime. */
  public static final String KIND = "multithread";

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

  /** How long a worker may stay inside one poll before the monitor replaces it. */
  public static final ConfigKey<Duration> BLOCKING_THRESHOLD =
      ConfigKey.ofDuration(
          "gearbox.multithread.blockingThreshold",
          Duration.ofMillis(10),
          Duration.ofMillis(1),
          Duration.ofHours(1),
          "a worker inside one poll for longer than this is replaced by a fresh one");

  /** The most replaced workers whose stuck poll has not returned yet, alive at once. */
  public static final ConfigKey<Integer> MAX_EXTRA_WORKERS =
      ConfigKey.ofInt(
          "gearbox.multithread.maxExtraWorkers",
          64,
          0,
          10_000,
          "the most stuck workers alive beside their replacements (0: never replace a worker)");

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
          "gearbox-multithread-",
          "prefix of the names of the runtime's threads");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MultithreadRuntimeProvider() {}

  /**
   * A builder for a multithread runtime configured in code.
   *
   * @return a new builder with every key at its default
   */
  public static MultithreadRuntimeBuilder builder() {
    return new MultithreadRuntimeBuilder();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "async-std-style runtime: one global queue feeding the workers, a monitor that"
        + " replaces a worker blocked inside a poll, a dedicated timer and I/O thread";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        WORKERS,
        BLOCKING_MAX_THREADS,
        BLOCKING_KEEP_ALIVE,
        BLOCKING_THRESHOLD,
        MAX_EXTRA_WORKERS,
        UNJOINED_FAILURE,
        SPAWN_SITE,
        TIME_PAUSED,
        THREAD_NAME_PREFIX,
        CommonKeys.JMX);
  }

  /**
   * Creates a multithread runtime; its workers, monitor and driver threads start at once.
   *
   * @param config the resolved configuration
   * @return a new runtime
   * @throws dev.gearbox.runtime.ConfigException if a value is not allowed
   */
  @Override
  public Runtime create(RuntimeConfig config) {
    Objects.requireNonNull(config, "config");
    return RuntimeMXBeans.register(
        SpawnSites.configure(config, () -> new MultithreadRuntime(Settings.from(config))), config);
  }
}
