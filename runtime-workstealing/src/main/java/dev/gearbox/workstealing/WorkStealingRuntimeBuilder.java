package dev.gearbox.workstealing;

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
 * Builds a {@code workstealing} runtime in code (Tokio's {@code runtime::Builder}): the same
 * settings as the configuration keys of {@link WorkStealingRuntimeProvider}, plus thread hooks.
 * Every setter checks its value at once, as the configuration would.
 *
 * <pre>{@code
 * Runtime runtime = WorkStealingRuntimeProvider.builder()
 *     .workers(2)
 *     .onThreadStart(() -> System.out.println("worker started"))
 *     .build();
 * }</pre>
 */
public final class WorkStealingRuntimeBuilder {
  private static final String SOURCE = "WorkStealingRuntimeBuilder";

  private final Map<String, String> values = new LinkedHashMap<>();
  private Runnable onStart = Hooks.NONE.onStart();
  private Runnable onStop = Hooks.NONE.onStop();
  private Runnable onPark = Hooks.NONE.onPark();
  private Runnable onUnpark = Hooks.NONE.onUnpark();
  private UnjoinedFailureHandler unjoinedFailureHandler;

  WorkStealingRuntimeBuilder() {}

  private WorkStealingRuntimeBuilder set(ConfigKey<?> key, Object value) {
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
  public WorkStealingRuntimeBuilder workers(int workers) {
    return set(WorkStealingRuntimeProvider.WORKERS, workers);
  }

  /**
   * Sets the most blocking-pool threads ({@code gearbox.blocking.maxThreads}).
   *
   * @param maxThreads from 1 to 32768
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public WorkStealingRuntimeBuilder blockingMaxThreads(int maxThreads) {
    return set(WorkStealingRuntimeProvider.BLOCKING_MAX_THREADS, maxThreads);
  }

  /**
   * Sets how long an idle blocking thread lives ({@code gearbox.blocking.keepAlive}).
   *
   * @param keepAlive from zero to 24 hours
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public WorkStealingRuntimeBuilder blockingKeepAlive(Duration keepAlive) {
    return set(WorkStealingRuntimeProvider.BLOCKING_KEEP_ALIVE, keepAlive);
  }

  /**
   * Sets the ticks between checks of the global queue first ({@code
   * gearbox.workstealing.globalQueueInterval}).
   *
   * @param ticks at least 1
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if out of range
   */
  public WorkStealingRuntimeBuilder globalQueueInterval(int ticks) {
    return set(WorkStealingRuntimeProvider.GLOBAL_QUEUE_INTERVAL, ticks);
  }

  /**
   * Enables or disables the LIFO slot ({@code gearbox.workstealing.lifoSlot}).
   *
   * @param enabled true to run a just-woken task next
   * @return this builder
   */
  public WorkStealingRuntimeBuilder lifoSlot(boolean enabled) {
    return set(WorkStealingRuntimeProvider.LIFO_SLOT, enabled);
  }

  /**
   * Makes a task whose poll throws shut the runtime down, instead of only failing its handle
   * ({@code gearbox.workstealing.unhandledPanic=shutdown}).
   *
   * @param shutdown true to shut down on an unhandled failure
   * @return this builder
   */
  public WorkStealingRuntimeBuilder shutdownOnUnhandledPanic(boolean shutdown) {
    return set(WorkStealingRuntimeProvider.UNHANDLED_PANIC, shutdown ? "shutdown" : "ignore");
  }

  /**
   * Sets what a failure of a task nobody joined does ({@code gearbox.unjoinedFailure}: {@code log},
   * {@code ignore} or {@code shutdown}).
   *
   * @param policy {@code log}, {@code ignore} or {@code shutdown}
   * @return this builder
   * @throws dev.gearbox.runtime.ConfigException if {@code policy} is none of those
   */
  public WorkStealingRuntimeBuilder unjoinedFailure(String policy) {
    return set(WorkStealingRuntimeProvider.UNJOINED_FAILURE, policy);
  }

  /**
   * Hands each failure of a task nobody joined to {@code handler}, instead of the policy of {@code
   * gearbox.unjoinedFailure}; the failure is counted in the metrics ({@code unjoinedFailures})
   * either way.
   *
   * @param handler runs on the thread that completed the task, once per failure; keep it short
   * @return this builder
   */
  public WorkStealingRuntimeBuilder onUnjoinedFailure(UnjoinedFailureHandler handler) {
    unjoinedFailureHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Starts the runtime with a paused clock ({@code gearbox.time.paused}).
   *
   * @param paused true for a paused clock
   * @return this builder
   */
  public WorkStealingRuntimeBuilder pausedClock(boolean paused) {
    return set(WorkStealingRuntimeProvider.TIME_PAUSED, paused);
  }

  /**
   * Sets the prefix of thread names ({@code gearbox.threadNamePrefix}).
   *
   * @param prefix the prefix
   * @return this builder
   */
  public WorkStealingRuntimeBuilder threadNamePrefix(String prefix) {
    return set(WorkStealingRuntimeProvider.THREAD_NAME_PREFIX, prefix);
  }

  /**
   * Runs {@code hook} on each worker thread when it starts, before it polls a task.
   *
   * @param hook the hook; an exception it throws goes to the thread's uncaught-exception handler
   * @return this builder
   */
  public WorkStealingRuntimeBuilder onThreadStart(Runnable hook) {
    onStart = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Runs {@code hook} on each worker thread before it ends.
   *
   * @param hook the hook
   * @return this builder
   */
  public WorkStealingRuntimeBuilder onThreadStop(Runnable hook) {
    onStop = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Runs {@code hook} on a worker thread before it parks for lack of work.
   *
   * @param hook the hook; keep it short, it is on the idle path
   * @return this builder
   */
  public WorkStealingRuntimeBuilder onThreadPark(Runnable hook) {
    onPark = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Runs {@code hook} on a worker thread after it wakes from a park.
   *
   * @param hook the hook; keep it short, it is on the wake-up path
   * @return this builder
   */
  public WorkStealingRuntimeBuilder onThreadUnpark(Runnable hook) {
    onUnpark = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Sets whether each spawn records where it was spawned, shown by task dumps ({@code
   * gearbox.spawnSite}, off by default: one stack walk per spawn).
   *
   * @param capture true to capture spawn sites
   * @return this builder
   */
  public WorkStealingRuntimeBuilder spawnSite(boolean capture) {
    return set(WorkStealingRuntimeProvider.SPAWN_SITE, capture);
  }

  /**
   * Creates the runtime; its worker threads start at once.
   *
   * @return the runtime
   */
  public Runtime build() {
    RuntimeConfig config = RuntimeConfig.of(values, SOURCE);
    Settings settings =
        Settings.from(config, new Hooks(onStart, onStop, onPark, onUnpark), unjoinedFailureHandler);
    return RuntimeMXBeans.register(
        SpawnSites.configure(config, () -> new WorkStealingRuntime(settings)), config);
  }
}
