package dev.gearbox.multithread;

import static dev.gearbox.multithread.MultithreadRuntimeProvider.BLOCKING_KEEP_ALIVE;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.BLOCKING_MAX_THREADS;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.BLOCKING_THRESHOLD;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.MAX_EXTRA_WORKERS;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.THREAD_NAME_PREFIX;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.TIME_PAUSED;
import static dev.gearbox.multithread.MultithreadRuntimeProvider.WORKERS;

import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.UnjoinedFailures;
import java.time.Duration;

/**
 * The validated configuration of one runtime.
 *
 * @param workers worker threads
 * @param blockingMaxThreads the most blocking-pool threads
 * @param blockingKeepAlive idle time before a blocking thread ends
 * @param blockingThresholdNanos time inside one poll after which a worker is replaced
 * @param maxExtraWorkers the most replaced workers alive at once
 * @param pausedClock whether the clock starts paused
 * @param threadNamePrefix prefix of thread names
 * @param unjoinedFailureHandler what a failure of a task nobody joined does
 */
record Settings(
    int workers,
    int blockingMaxThreads,
    Duration blockingKeepAlive,
    long blockingThresholdNanos,
    int maxExtraWorkers,
    boolean pausedClock,
    String threadNamePrefix,
    UnjoinedFailureHandler unjoinedFailureHandler) {

  /** Reads and checks every key of the provider. */
  static Settings from(RuntimeConfig config) {
    return from(config, null);
  }

  /**
   * Reads and checks every key of the provider; a non-null {@code handler} replaces the one that
   * {@code gearbox.unjoinedFailure} selects.
   */
  static Settings from(RuntimeConfig config, UnjoinedFailureHandler handler) {
    UnjoinedFailureHandler configured = UnjoinedFailures.handlerFrom(config);
    return new Settings(
        config.get(WORKERS),
        config.get(BLOCKING_MAX_THREADS),
        config.get(BLOCKING_KEEP_ALIVE),
        config.get(BLOCKING_THRESHOLD).toNanos(),
        config.get(MAX_EXTRA_WORKERS),
        config.get(TIME_PAUSED),
        config.get(THREAD_NAME_PREFIX),
        handler != null ? handler : configured);
  }

  /** How often the monitor looks at busy workers: a quarter of the threshold, 1 to 5 ms. */
  long monitorIntervalNanos() {
    return Math.clamp(blockingThresholdNanos / 4, 1_000_000L, 5_000_000L);
  }
}
