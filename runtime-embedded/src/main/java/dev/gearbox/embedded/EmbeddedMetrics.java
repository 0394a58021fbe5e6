package dev.gearbox.embedded;

import dev.gearbox.runtime.Metric;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.MetricTable;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.UnjoinedFailures;

/**
 * The live metrics of the {@code embedded} runtime: the shared metrics that apply to one executor
 * thread, then its extras. The executor's counters are fields it alone writes with opaque stores,
 * read with opaque loads; gauges are read on demand.
 */
final class EmbeddedMetrics extends MetricTable {
  private static final String KIND = EmbeddedRuntimeProvider.KIND;

  static final Metric POOL_SIZE =
      Metric.gauge(KIND + ".pool.size", "tasks", "the most tasks alive at once (gearbox.poolSize)");

  EmbeddedMetrics(
      TaskCounts counts,
      BlockingPool blocking,
      RuntimeDriver driver,
      EmbeddedExecutor executor,
      int poolSize,
      UnjoinedFailures failures) {
    super(
        MetricTable.builder(KIND)
            .add(Metric.WORKERS, () -> 1)
            .add(Metric.TASKS_ALIVE, () -> counts.alive() + blocking.aliveTasks())
            .add(Metric.TASKS_SPAWNED, () -> counts.spawned() + blocking.spawnedTasks())
            .add(Metric.POLLS, executor::polls)
            .add(Metric.PARKS, executor::parks)
            .add(Metric.BLOCKING_THREADS, blocking::threads)
            .add(Metric.BLOCKING_QUEUE_DEPTH, blocking::queueDepth)
            .add(Metric.TIMERS_PENDING, () -> driver.pendingTimers() + executor.pendingTimers())
            .add(Metric.IO_REGISTRATIONS, driver::ioRegistrations)
            .add(Metric.UNJOINED_FAILURES, failures::count)
            .add(Metric.SLOW_POLLS, executor::slowPolls)
            // one thread, one intrusive run queue whose length is not kept (it would cost a count
            // per wake)
            .notApplicable(Metric.STEALS, Metric.GLOBAL_QUEUE_DEPTH, Metric.LOCAL_QUEUE_DEPTH)
            .add(POOL_SIZE, () -> poolSize));
  }
}
