package dev.gearbox.minimal;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.RuntimeProvider;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.spi.RuntimeMXBeans;
import dev.gearbox.spi.SpawnSites;
import dev.gearbox.spi.UnjoinedFailures;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Provides the {@code minimal} runtime, smol's analogue: an {@link SharedExecutor} driven by the
 * callers of {@code blockOn} and by {@value #DEFAULT_WORKERS} or more runner threads started at the
 * first spawn (as {@code SMOL_THREADS}), beside a blocking pool. Select it with {@code
 * gearbox.runtime=minimal}.
 */
public final class MinimalRuntimeProvider implements RuntimeProvider {

  /** The kind that selects this runtime. */
  public static final String KIND = "minimal";

  /** The default number of runner threads. */
  public static final int DEFAULT_WORKERS = 1;

  /** Runner threads started at the first spawn; 0 leaves all work to the callers of blockOn. */
  public static final ConfigKey<Integer> WORKERS =
      ConfigKey.ofInt(
          "gearbox.workers",
          DEFAULT_WORKERS,
          0,
          1024,
          "runner threads started at the first spawn (0: only callers of blockOn run tasks)");

  /** The most threads of the blocking pool. */
  public static final ConfigKey<Integer> BLOCKING_MAX_THREADS = CommonKeys.BLOCKING_MAX_THREADS;

  /** How long an idle blocking-pool thread lives. */
  public static final ConfigKey<Duration> BLOCKING_KEEP_ALIVE = CommonKeys.BLOCKING_KEEP_ALIVE;

  /** The prefix of the names of the runtime's threads. */
  public static final ConfigKey<String> THREAD_NAME_PREFIX =
      ConfigKey.ofString(
          "gearbox.threadNamePrefix",
          "gearbox-minimal-",
          "prefix of the names of the runtime's threads");

  /**
   * Whether the runtime's clock starts paused (a {@link dev.gearbox.time.PausedClock}, for tests):
   * time moves only when advanced by hand or, when every task waits, to the next timer (Tokio's
   * {@code start_paused}).
   */
  public static final ConfigKey<Boolean> TIME_PAUSED = CommonKeys.TIME_PAUSED;

  /**
   * What a failure of a task nobody joined does: {@code log}, {@code ignore} or {@code shutdown}.
   */
  public static final ConfigKey<String> UNJOINED_FAILURE = CommonKeys.UNJOINED_FAILURE;

  /** Whether each spawn records where it was spawned, for task dumps (a stack walk per spawn). */
  public static final ConfigKey<Boolean> SPAWN_SITE = CommonKeys.SPAWN_SITE;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MinimalRuntimeProvider() {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "smol-style: an executor driven by its callers (blockOn) and lazily started runners,"
        + " with a global queue, per-runner local queues and stealing";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        WORKERS,
        BLOCKING_MAX_THREADS,
        BLOCKING_KEEP_ALIVE,
        UNJOINED_FAILURE,
        SPAWN_SITE,
        THREAD_NAME_PREFIX,
        TIME_PAUSED,
        CommonKeys.JMX);
  }

  /**
   * Creates a minimal runtime. No thread starts until the first spawn.
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
            config,
            () ->
                new MinimalRuntime(
                    config.get(WORKERS),
                    config.get(BLOCKING_MAX_THREADS),
                    config.get(BLOCKING_KEEP_ALIVE),
                    config.get(THREAD_NAME_PREFIX),
                    config.get(TIME_PAUSED),
                    UnjoinedFailures.handlerFrom(config))),
        config);
  }
}
