package dev.gearbox.workstealing;

import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.BLOCKING_KEEP_ALIVE;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.BLOCKING_MAX_THREADS;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.GLOBAL_QUEUE_INTERVAL;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.LIFO_SLOT;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.THREAD_NAME_PREFIX;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.TIME_PAUSED;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.UNHANDLED_PANIC;
import static dev.gearbox.workstealing.WorkStealingRuntimeProvider.WORKERS;

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
 * @param globalQueueInterval ticks between checks of the global queue first
 * @param lifoSlot whether the LIFO slot is used
 * @param shutdownOnPanic whether a failed task shuts the runtime down
 * @param pausedClock whether the clock starts paused
 * @param threadNamePrefix prefix of thread names
 * @param hooks thread hooks
 * @param unjoinedFailureHandler what a failure of a task nobody joined does
 */
record Settings(
    int workers,
    int blockingMaxThreads,
    Duration blockingKeepAlive,
    int globalQueueInterval,
    boolean lifoSlot,
    boolean shutdownOnPanic,
    boolean pausedClock,
    String threadNamePrefix,
    Hooks hooks,
    UnjoinedFailureHandler unjoinedFailureHandler) {

  /** Reads and checks every key of the provider. */
  static Settings from(RuntimeConfig config, Hooks hooks) {
    return from(config, hooks, null);
  }

  /**
   * Reads and checks every key of the provider; a non-null {@code handler} replaces the one that
   * {@code gearbox.unjoinedFailure} selects.
   */
  static Settings from(RuntimeConfig config, Hooks hooks, UnjoinedFailureHandler handler) {
    UnjoinedFailureHandler configured = UnjoinedFailures.handlerFrom(config);
    return new Settings(
        config.get(WORKERS),
        config.get(BLOCKING_MAX_THREADS),
        config.get(BLOCKING_KEEP_ALIVE),
        config.get(GLOBAL_QUEUE_INTERVAL),
        config.get(LIFO_SLOT),
        config.get(UNHANDLED_PANIC).equals("shutdown"),
        config.get(TIME_PAUSED),
        config.get(THREAD_NAME_PREFIX),
        hooks,
        handler != null ? handler : configured);
  }
}
