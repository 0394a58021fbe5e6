package dev.gearbox.multithread;

import dev.gearbox.runtime.Metric;
import dev.gearbox.spi.MetricTable;

/**
 * The live metrics of a multithread runtime: the shared metrics, then its extras. Counters sum the
 * workers' own counters (and those of workers that ended); gauges are read from the queues and the
 * driver.
 */
final class MultithreadMetrics extends MetricTable {
  private static final String KIND = MultithreadRuntimeProvider.KIND;

  static final Metric SLEEPING_WORKERS =
      Metric.gauge(KIND + ".workers.sleeping", "threads", "workers asleep for lack of work");
  static final Metric REPLACED_WORKERS =
      Metric.counter(
          KIND + ".workers.replaced",
          "threads",
          "workers the monitor replaced because they were stuck inside a poll");
  static final Metric RETIRING_WORKERS =
      Metric.gauge(
          KIND + ".workers.retiring", "threads", "replaced workers whose poll has not returned");
  static final Metric REFUSED_REPLACEMENTS =
      Metric.counter(
          KIND + ".replacements.refused",
          "threads",
          "stuck workers left in place because maxExtraWorkers retiring workers were alive");

  MultithreadMetrics(MultithreadScheduler scheduler) {
    super(declare(scheduler));
  }

  private static Builder declare(MultithreadScheduler scheduler) {
    return MetricTable.builder(KIND)
        .add(Metric.WORKERS, scheduler::workerCount)
        .add(Metric.TASKS_ALIVE, () -> scheduler.aliveTasks() + scheduler.blocking.aliveTasks())
        .add(
            Metric.TASKS_SPAWNED,
            () -> scheduler.spawnedTasks() + scheduler.blocking.spawnedTasks())
        .add(Metric.POLLS, () -> scheduler.slots().polls())
        .add(Metric.STEALS, () -> scheduler.slots().steals())
        .add(Metric.GLOBAL_QUEUE_DEPTH, scheduler.globalQueue::depth)
        .add(Metric.LOCAL_QUEUE_DEPTH, () -> scheduler.slots().localDepth())
        .add(Metric.PARKS, () -> scheduler.slots().parks())
        .add(Metric.BLOCKING_THREADS, scheduler.blocking::threads)
        .add(Metric.BLOCKING_QUEUE_DEPTH, scheduler.blocking::queueDepth)
        .add(Metric.TIMERS_PENDING, scheduler.driver::pendingTimers)
        .add(Metric.IO_REGISTRATIONS, scheduler.driver::ioRegistrations)
        .add(Metric.UNJOINED_FAILURES, () -> scheduler.runtime.failures().count())
        .add(Metric.SLOW_POLLS, scheduler.slowPolls::sum)
        .add(SLEEPING_WORKERS, scheduler.idle::sleeping)
        .add(REPLACED_WORKERS, () -> scheduler.slots().replacements())
        .add(RETIRING_WORKERS, () -> scheduler.slots().extraWorkers())
        .add(REFUSED_REPLACEMENTS, () -> scheduler.slots().refusedReplacements());
  }
}
