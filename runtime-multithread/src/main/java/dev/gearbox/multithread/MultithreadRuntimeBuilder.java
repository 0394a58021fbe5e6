package dev.gearbox.multithread;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.RuntimeMXBeans;
import dev.gearbox.spi.SpawnSites;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@code multithread} runtime in code: the same settings as the configuration keys of
 * {@link MultithreadRuntimeProvider}, each checked at once as the configuration would.
 *
 * <pre>{@code
 * Runtime runtime = MultithreadRuntimeProvider.builder()
 *     .workers(2)
 *     .blockingThreshold(Duration.ofMillis(20))
 *     .build();
 * }</pre>
 */
public final class MultithreadRuntimeBuilder {
  private static final String SOURCE = "MultithreadRuntimeBuilder";

  private final Map<String, String> values = new LinkedHashMap<>();
  private UnjoinedFailureHandler unjoinedFailureHandler;

  MultithreadRuntimeBuilder() {}

  private MultithreadRuntimeBuilder set(ConfigKey<?> key, Object value) {
    String text = String.valueOf(Objects.requireNonNull(value, key.name()));
    key.parse(text, SOURCE);
    values.put(key.name(), text);
    return this;
  }

  /**
   * Sets the number of worker threads ({@code gearbox.workers}).
   *
   * @param workers from 1 to 1024
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public MultithreadRuntimeBuilder workers(int workers) {
    return set(MultithreadRuntimeProvider.WORKERS, workers);
  }

  /**
   * Sets the most blocking-pool threads ({@code gearbox.blocking.maxThreads}).
   *
   * @param maxThreads from 1 to 32768
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public MultithreadRuntimeBuilder blockingMaxThreads(int maxThreads) {
    return set(MultithreadRuntimeProvider.BLOCKING_MAX_THREADS, maxThreads);
  }

  /**
   * Sets how long an idle blocking thread lives ({@code gearbox.blocking.keepAlive}).
   *
   * @param keepAlive from zero to 24 hours
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public MultithreadRuntimeBuilder blockingKeepAlive(Duration keepAlive) {
    return set(MultithreadRuntimeProvider.BLOCKING_KEEP_ALIVE, keepAlive);
  }

  /**
   * Sets how long a worker may stay inside one poll before it is replaced ({@code
   * gearbox.multithread.blockingThreshold}).
   *
   * @param threshold from 1 ms to one hour
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public MultithreadRuntimeBuilder blockingThreshold(Duration threshold) {
    return set(MultithreadRuntimeProvider.BLOCKING_THRESHOLD, threshold);
  }

  /**
   * Sets the most replaced workers alive at once ({@code gearbox.multithread.maxExtraWorkers}).
   *
   * @param maxExtraWorkers from 0 (never replace) to 10000
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public MultithreadRuntimeBuilder maxExtraWorkers(int maxExtraWorkers) {
    return set(MultithreadRuntimeProvider.MAX_EXTRA_WORKERS, maxExtraWorkers);
  }

  /**
   * Starts the runtime with a paused clock ({@code gearbox.time.paused}).
   *
   * @param paused true for a paused clock
   * @return this builder
   */
  public MultithreadRuntimeBuilder pausedClock(boolean paused) {
    return set(MultithreadRuntimeProvider.TIME_PAUSED, paused);
  }

  /**
   * Sets the prefix of thread names ({@code gearbox.threadNamePrefix}).
   *
   * @param prefix the prefix
   * @return this builder
   */
  public MultithreadRuntimeBuilder threadNamePrefix(String prefix) {
    return set(MultithreadRuntimeProvider.THREAD_NAME_PREFIX, prefix);
  }

  /**
   * Sets what a failure of a task nobody joined does ({@code gearbox.unjoinedFailure}: {@code log},
   * {@code ignore} or {@code shutdown}).
   *
   * @param policy {@code log}, {@code ignore} or {@code shutdown}
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if {@code policy} is none of those
   */
  public MultithreadRuntimeBuilder unjoinedFailure(String policy) {
    return set(MultithreadRuntimeProvider.UNJOINED_FAILURE, policy);
  }

  /**
   * Hands each failure of a task nobody joined to {@code handler}, instead of the policy of {@code
   * gearbox.unjoinedFailure}; the failure is counted in the metrics ({@code unjoinedFailures})
   * either way.
   *
   * @param handler runs on the thread that completed the task, once per failure; keep it short
   * @return this builder
   */
  public MultithreadRuntimeBuilder onUnjoinedFailure(UnjoinedFailureHandler handler) {
    unjoinedFailureHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Sets whether each spawn records where it was spawned, shown by task dumps ({@code
   * gearbox.spawnSite}, off by default: one stack walk per spawn).
   *
   * @param capture true to capture spawn sites
   * @return this builder
   */
  public MultithreadRuntimeBuilder spawnSite(boolean capture) {
    return set(MultithreadRuntimeProvider.SPAWN_SITE, capture);
  }

  /**
   * Creates the runtime; its workers, monitor and driver threads start at once.
   *
   * @return the runtime
   */
  public Runtime build() {
    RuntimeConfig config = RuntimeConfig.of(values, SOURCE);
    return RuntimeMXBeans.register(
        SpawnSites.configure(
            config, () -> new MultithreadRuntime(Settings.from(config, unjoinedFailureHandler))),
        config);
  }
}
