package dev.gearbox.embedded;

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
 * Provides the {@code embedded} runtime, Embassy's analogue: one cooperative {@link
 * EmbeddedExecutor} on a thread of its own, whose {@code spawn} fills a task pool of {@code
 * gearbox.embedded.poolSize} tasks (a spawn past it fails with a {@link SpawnError} naming the
 * key), beside a blocking pool. Select it with {@code gearbox.runtime=embedded}.
 */
public final class EmbeddedRuntimeProvider implements RuntimeProvider {

  /** The kind that selects this runtime. */
  public static final String KIND = "embedded";

  /** How many spawned tasks may be alive at once (the default task pool's size). */
  public static final ConfigKey<Integer> POOL_SIZE =
      ConfigKey.ofInt(
          "gearbox.embedded.poolSize",
          1024,
          1,
          1 << 26,
          "how many spawned tasks may be alive at once: the size of the runtime's task pool");

  /** The Java priority of the executor thread. */
  public static final ConfigKey<Integer> PRIORITY =
      ConfigKey.ofInt(
          "gearbox.embedded.priority",
          Thread.NORM_PRIORITY,
          Thread.MIN_PRIORITY,
          Thread.MAX_PRIORITY,
          "the Java priority of the executor thread");

  /**
   * How long a thread outside the runtime that calls {@code blockOn} watches its future before it
   * parks, in microseconds.
   */
  public static final ConfigKey<Integer> BLOCK_ON_SPIN_MICROS =
      ConfigKey.ofInt(
          "gearbox.embedded.blockOnSpinMicros",
          50,
          0,
          10_000,
          "how long, in microseconds, a blockOn caller outside the runtime watches its future"
              + " before it parks (0: park at once)");

  /** The most threads of the blocking pool. */
  public static final ConfigKey<Integer> BLOCKING_MAX_THREADS = CommonKeys.BLOCKING_MAX_THREADS;

  /** How long an idle blocking-pool thread lives. */
  public static final ConfigKey<Duration> BLOCKING_KEEP_ALIVE = CommonKeys.BLOCKING_KEEP_ALIVE;

  /** Whether the runtime's clock starts paused. */
  public static final ConfigKey<Boolean> TIME_PAUSED = CommonKeys.TIME_PAUSED;

  /**
   * What a failure of a task nobody joined does: {@code log}, {@code ignore} or {@code shutdown}.
   */
  public static final ConfigKey<String> UNJOINED_FAILURE = CommonKeys.UNJOINED_FAILURE;

  /** Whether each spawn records where it was spawned, for task dumps (a stack walk per spawn). */
  public static final ConfigKey<Boolean> SPAWN_SITE = CommonKeys.SPAWN_SITE;

  /** The prefix of the names of the runtime's threads. */
  public static final ConfigKey<String> THREAD_NAME_PREFIX =
      ConfigKey.ofString(
          "gearbox.threadNamePrefix",
          "gearbox-embedded-",
          "prefix of the names of the runtime's threads");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public EmbeddedRuntimeProvider() {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "Embassy-style: one cooperative executor thread, a fixed task pool, an intrusive run"
        + " queue polled in batches, tick time";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        POOL_SIZE,
        PRIORITY,
        BLOCK_ON_SPIN_MICROS,
        BLOCKING_MAX_THREADS,
        BLOCKING_KEEP_ALIVE,
        UNJOINED_FAILURE,
        SPAWN_SITE,
        TIME_PAUSED,
        THREAD_NAME_PREFIX,
        CommonKeys.JMX);
  }

  /**
   * Creates an embedded runtime and starts its executor thread.
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
                new EmbeddedRuntime(
                    config.get(POOL_SIZE),
                    config.get(PRIORITY),
                    config.get(BLOCK_ON_SPIN_MICROS),
                    config.get(BLOCKING_MAX_THREADS),
                    config.get(BLOCKING_KEEP_ALIVE),
                    config.get(THREAD_NAME_PREFIX),
                    config.get(TIME_PAUSED),
                    UnjoinedFailures.handlerFrom(config))),
        config);
  }
}
