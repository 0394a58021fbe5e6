package dev.gearbox.workstealing;

import dev.gearbox.runtime.Metric;
import dev.gearbox.spi.MetricTable;

/**
 * The live metrics of a work-stealing runtime: every shared metric, then its extras. Counters sum
 * the workers' own {@link WorkerCounters}; gauges are read from the queues and the driver.
 */
final class WorkStealingMetrics extends MetricTable {
  private static final String KIND = WorkStealingRuntimeProvider.KIND;

  static final Metric STEAL_OPERATIONS =
      Metric.counter(KIND + ".steal.operations", "steals", "steals that took at least one task");
  static final Metric LOCAL_SCHEDULES =
      Metric.counter(
          KIND + ".schedules.local", "tasks", "wakes and spawns on a worker's own thread");
  static final Metric OVERFLOW_SCHEDULES =
      Metric.counter(
          KIND + ".schedules.overflow",
          "tasks",
          "tasks a full local queue moved to the global queue");
  static final Metric REMOTE_SCHEDULES =
      Metric.counter(
          KIND + ".schedules.remote",
          "tasks",
          "tasks pushed to the global queue from outside the workers");
  static final Metric LIFO_POLLS =
      Metric.counter(KIND + ".polls.lifo", "polls", "polls of a task taken from the LIFO slot");
  static final Metric IN_PLACE_POLLS =
      Metric.counter(
          KIND + ".polls.in_place",
          "polls",
          "polls of a queued task run in place by a task joining it (helping joins)");
  static final Metric BUDGET_FORCED_YIELDS =
      Metric.counter(
          KIND + ".budget.forced_yields",
          "yields",
          "polls that returned Pending because the cooperative budget ran out");

  WorkStealingMetrics(WorkStealingScheduler scheduler) {
    super(declare(scheduler));
  }

  private static Builder declare(WorkStealingScheduler scheduler) {
    Builder table =
        MetricTable.builder(KIND)
            .add(Metric.WORKERS, () -> scheduler.workers.length)
            .add(Metric.TASKS_ALIVE, () -> scheduler.aliveTasks() + scheduler.blocking.aliveTasks())
            .add(
                Metric.TASKS_SPAWNED,
                () -> scheduler.spawnedTasks() + scheduler.blocking.spawnedTasks())
            .add(Metric.POLLS, () -> sum(scheduler, WorkerCounters.POLLS))
            .add(Metric.STEALS, () -> sum(scheduler, WorkerCounters.STOLEN_TASKS))
            .add(Metric.GLOBAL_QUEUE_DEPTH, scheduler.globalQueue::depth)
            .add(Metric.LOCAL_QUEUE_DEPTH, () -> localDepth(scheduler))
            .add(Metric.PARKS, () -> sum(scheduler, WorkerCounters.PARKS))
            .add(Metric.BLOCKING_THREADS, scheduler.blocking::threads)
            .add(Metric.BLOCKING_QUEUE_DEPTH, scheduler.blocking::queueDepth)
            .add(Metric.TIMERS_PENDING, scheduler.driver::pendingTimers)
            .add(Metric.IO_REGISTRATIONS, scheduler.driver::ioRegistrations)
            .add(Metric.UNJOINED_FAILURES, () -> scheduler.runtime.failures().count())
            .add(Metric.SLOW_POLLS, () -> sum(scheduler, WorkerCounters.SLOW_POLLS))
            .add(STEAL_OPERATIONS, () -> sum(scheduler, WorkerCounters.STEAL_OPERATIONS))
            .add(LOCAL_SCHEDULES, () -> sum(scheduler, WorkerCounters.LOCAL_SCHEDULES))
            .add(OVERFLOW_SCHEDULES, () -> sum(scheduler, WorkerCounters.OVERFLOWED_TASKS))
            .add(
                REMOTE_SCHEDULES,
                () ->
                    Math.max(
                        0,
                        scheduler.globalQueue.pushed()
                            - sum(scheduler, WorkerCounters.OVERFLOWED_TASKS)))
            .add(LIFO_POLLS, () -> sum(scheduler, WorkerCounters.LIFO_POLLS))
            .add(IN_PLACE_POLLS, () -> sum(scheduler, WorkerCounters.IN_PLACE_POLLS))
            .add(BUDGET_FORCED_YIELDS, () -> sum(scheduler, WorkerCounters.BUDGET_FORCED_YIELDS));
    for (WorkerThread worker : scheduler.workers) {
      table.add(
          Metric.gauge(
              KIND + ".worker." + worker.index + ".queue.local.depth",
              "tasks",
              "tasks waiting in worker " + worker.index + "'s local queue"),
          worker.runQueue::len);
    }
    return table;
  }

  private static long sum(WorkStealingScheduler scheduler, int counter) {
    long total = 0;
    for (WorkerThread worker : scheduler.workers) {
      total += worker.counters.get(counter);
    }
    return total;
  }

  private static long localDepth(WorkStealingScheduler scheduler) {
    long total = 0;
    for (WorkerThread worker : scheduler.workers) {
      total += worker.runQueue.len();
    }
    return total;
  }
}
