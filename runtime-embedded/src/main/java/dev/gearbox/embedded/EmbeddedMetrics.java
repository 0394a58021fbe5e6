package dev.gearbox.embedded;

import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.UnjoinedFailures;
import java.util.Map;

/** The metrics of the {@code embedded} runtime; a snapshot per call. */
final class EmbeddedMetrics implements RuntimeMetrics {
  private final TaskCounts counts;
  private final BlockingPool blocking;
  private final RuntimeDriver driver;
  private final EmbeddedExecutor executor;
  private final int poolSize;
  private final UnjoinedFailures failures;

  EmbeddedMetrics(
      TaskCounts counts,
      BlockingPool blocking,
      RuntimeDriver driver,
      EmbeddedExecutor executor,
      int poolSize,
      UnjoinedFailures failures) {
    this.failures = failures;
    this.counts = counts;
    this.blocking = blocking;
    this.driver = driver;
    this.executor = executor;
    this.poolSize = poolSize;
  }

  @Override
  public long unjoinedFailures() {
    return failures.count();
  }

  @Override
  public int workers() {
    return 1;
  }

  @Override
  public long aliveTasks() {
    return counts.alive() + blocking.aliveTasks();
  }

  @Override
  public long spawnedTasks() {
    return counts.spawned() + blocking.spawnedTasks();
  }

  @Override
  public long polls() {
    return executor.polls();
  }

  @Override
  public Map<String, Long> all() {
    Map<String, Long> all = RuntimeMetrics.super.all();
    all.put("poolSize", (long) poolSize);
    all.put("blockingThreads", (long) blocking.threads());
    all.put("pendingTimers", (long) driver.pendingTimers() + executor.pendingTimers());
    return all;
  }

  @Override
  public String toString() {
    return "EmbeddedMetrics" + all();
  }
}
