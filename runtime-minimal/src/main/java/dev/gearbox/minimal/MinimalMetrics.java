package dev.gearbox.minimal;

import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.UnjoinedFailures;
import java.util.Map;
import java.util.function.IntSupplier;

/** The live counters of a {@link MinimalRuntime}. */
final class MinimalMetrics implements RuntimeMetrics {
  private final SharedExecutor executor;
  private final BlockingPool blocking;
  private final RuntimeDriver driver;
  private final IntSupplier startedWorkers;
  private final UnjoinedFailures failures;

  MinimalMetrics(
      SharedExecutor executor,
      BlockingPool blocking,
      RuntimeDriver driver,
      IntSupplier startedWorkers,
      UnjoinedFailures failures) {
    this.executor = executor;
    this.blocking = blocking;
    this.driver = driver;
    this.startedWorkers = startedWorkers;
    this.failures = failures;
  }

  @Override
  public long unjoinedFailures() {
    return failures.count();
  }

  /** The runner threads started so far: 0 before the first spawn, then the configured count. */
  @Override
  public int workers() {
    return startedWorkers.getAsInt();
  }

  @Override
  public long aliveTasks() {
    return executor.state().aliveTasks() + blocking.aliveTasks();
  }

  @Override
  public long spawnedTasks() {
    return executor.state().spawnedTasks() + blocking.spawnedTasks();
  }

  @Override
  public long polls() {
    return executor.state().polls.sum();
  }

  /**
   * The common counters, then {@code runners} (threads running the executor now, callers of blockOn
   * included), {@code sleepingRunners}, {@code globalQueueDepth} (an estimate), {@code
   * blockingThreads} and {@code pendingTimers}.
   */
  @Override
  public Map<String, Long> all() {
    Map<String, Long> all = RuntimeMetrics.super.all();
    ExecutorState state = executor.state();
    all.put("runners", (long) state.runners().length);
    all.put("sleepingRunners", (long) state.idle.count());
    all.put("globalQueueDepth", (long) state.global.depth());
    all.put("blockingThreads", (long) blocking.threads());
    all.put("pendingTimers", (long) driver.pendingTimers());
    return all;
  }

  @Override
  public String toString() {
    return "MinimalMetrics" + all();
  }
}
