package dev.gearbox.spi;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.RuntimeProvider;
import java.time.Duration;

/**
 * Configuration keys that mean the same on every runtime, declared once so that their defaults,
 * ranges and help agree. A provider lists them in its {@link RuntimeProvider#configKeys()} beside
 * its own.
 */
public final class CommonKeys {
  private CommonKeys() {}

  /** The most threads of the blocking pool ({@code spawnBlocking}), as Tokio's. */
  public static final ConfigKey<Integer> BLOCKING_MAX_THREADS =
      ConfigKey.ofInt(
          "gearbox.blocking.maxThreads", 512, 1, 32_768, "the most threads of the blocking pool");

  /** How long an idle blocking-pool thread lives. */
  public static final ConfigKey<Duration> BLOCKING_KEEP_ALIVE =
      ConfigKey.ofDuration(
          "gearbox.blocking.keepAlive",
          Duration.ofSeconds(10),
          Duration.ZERO,
          Duration.ofHours(24),
          "how long an idle blocking-pool thread lives");

  /**
   * Whether the runtime's clock starts paused (a {@link dev.gearbox.time.PausedClock}, for tests):
   * time moves only when advanced by hand or, when every task waits, to the next timer (Tokio's
   * {@code start_paused}).
   */
  public static final ConfigKey<Boolean> TIME_PAUSED =
      ConfigKey.ofBoolean(
          "gearbox.time.paused",
          false,
          "start the clock paused: time moves only by hand, or to the next timer when every task"
              + " waits");

  /**
   * Whether the runtime registers its {@link dev.gearbox.runtime.GearboxRuntimeMXBean} with the
   * platform MBean server (as {@code dev.gearbox:type=Runtime,kind=<kind>,name=<name>}); on by
   * default.
   */
  public static final ConfigKey<Boolean> JMX =
      ConfigKey.ofBoolean(
          "gearbox.jmx",
          true,
          "register the runtime's MXBean (metrics, shutdown) with the platform MBean server");

  /**
   * What the failure of a task nobody joined does ({@code log}, the default: a WARNING with the
   * stack trace; {@code ignore}: only counted; {@code shutdown}: logged, then the runtime shuts
   * down, as Tokio's {@code unhandled_panic = shutdown_runtime}); see {@link
   * dev.gearbox.runtime.UnjoinedFailureHandler}.
   */
  public static final ConfigKey<String> UNJOINED_FAILURE =
      UnjoinedFailures.key("gearbox.unjoinedFailure");

  /**
   * Whether each spawn records where it was spawned, for task dumps ({@link
   * dev.gearbox.runtime.Runtime#dumpTasks()}): one stack walk per spawn, off by default. With it
   * on, a task's age counts from its spawn.
   */
  public static final ConfigKey<Boolean> SPAWN_SITE = SpawnSites.key("gearbox.spawnSite");
}
