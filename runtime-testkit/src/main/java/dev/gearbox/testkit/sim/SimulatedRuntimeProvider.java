package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.RuntimeProvider;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.spi.RuntimeMXBeans;
import dev.gearbox.spi.SpawnSites;
import dev.gearbox.spi.UnjoinedFailures;
import java.time.Duration;
import java.util.List;

/**
 * The provider of the {@code simulated} runtime. It is installed wherever the testkit is on the
 * path, but never chosen by default ({@link #isDefaultCandidate()} is false): it runs only when
 * named ({@code gearbox.runtime=simulated}, {@code @RuntimeTest(kinds = "simulated")}).
 */
public final class SimulatedRuntimeProvider implements RuntimeProvider {
  /** The kind: {@code simulated}. */
  public static final String KIND = "simulated";

  /** The seed of the scheduling choices and of the network's loss and jitter. */
  public static final ConfigKey<Long> SEED =
      ConfigKey.ofLong(
          Replay.SEED_KEY,
          0L,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          "seed of the simulated runtime: the same seed gives the same schedule");

  /** How long a waiting blockOn with nothing pending gives other threads to wake a task. */
  public static final ConfigKey<Duration> DEADLOCK_GRACE =
      ConfigKey.ofDuration(
          "gearbox.sim.deadlockGrace",
          Duration.ofMillis(500),
          Duration.ZERO,
          Duration.ofMinutes(10),
          "real time a blockOn of the simulated runtime waits for a wake from another thread when"
              + " nothing is pending, before it fails as deadlocked");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SimulatedRuntimeProvider() {}

  /**
   * A simulated runtime with {@code seed} and the default settings, without going through {@link
   * dev.gearbox.runtime.Runtimes}.
   *
   * @param seed the seed
   * @return a new runtime
   */
  public static SimulatedRuntime create(long seed) {
    return new SimulatedRuntime(
        seed,
        DEADLOCK_GRACE.defaultValue(),
        CommonKeys.BLOCKING_MAX_THREADS.defaultValue(),
        CommonKeys.BLOCKING_KEEP_ALIVE.defaultValue(),
        UnjoinedFailureHandler.log());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "deterministic simulation for tests: one thread, seeded choice of the next task,"
        + " virtual time, a simulated network, deadlock detection";
  }

  @Override
  public boolean isDefaultCandidate() {
    return false;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        SEED,
        DEADLOCK_GRACE,
        CommonKeys.BLOCKING_MAX_THREADS,
        CommonKeys.BLOCKING_KEEP_ALIVE,
        CommonKeys.UNJOINED_FAILURE,
        CommonKeys.SPAWN_SITE,
        CommonKeys.TIME_PAUSED,
        CommonKeys.JMX);
  }

  /**
   * Creates a simulated runtime. Its clock is always virtual, so {@code gearbox.time.paused} is
   * accepted and changes nothing.
   *
   * @throws ConfigException if a value is not allowed
   */
  @Override
  public Runtime create(RuntimeConfig config) {
    config.get(CommonKeys.TIME_PAUSED); // validated, always paused
    return RuntimeMXBeans.register(
        SpawnSites.configure(
            config,
            () ->
                new SimulatedRuntime(
                    config.get(SEED),
                    config.get(DEADLOCK_GRACE),
                    config.get(CommonKeys.BLOCKING_MAX_THREADS),
                    config.get(CommonKeys.BLOCKING_KEEP_ALIVE),
                    UnjoinedFailures.handlerFrom(config))),
        config);
  }
}
