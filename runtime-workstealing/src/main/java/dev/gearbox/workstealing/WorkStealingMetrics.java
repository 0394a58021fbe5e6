package dev.gearbox.workstealing;

import dev.gearbox.runtime.RuntimeMetrics;
import java.util.Map;

/** The live counters of a work-stealing runtime; every read sums the workers' own counters. */
final class WorkStealingMetrics implements RuntimeMetrics {
  private final WorkStealingScheduler scheduler;

  WorkStealingMetrics(WorkStealingScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public int workers() {
    return scheduler.workers.length;
  }

  @Override
  public long aliveTasks() {
    return scheduler.aliveTasks() + scheduler.blocking.aliveTasks();
  }

  @Override
  public long spawnedTasks() {
    return scheduler.spawnedTasks() + scheduler.blocking.spawnedTasks();
  }

  @Override
  public long polls() {
    return sum(WorkerCounters.POLLS);
  }

  @Override
  public long unjoinedFailures() {
    return scheduler.runtime.failures().count();
  }

  private long sum(int counter) {
    long total = 0;
    for (WorkerThread worker : scheduler.workers) {
      total += worker.counters.get(counter);
    }
    return total;
  }

  /**
   * The common counters, then: {@code stolenTasks} and {@code stealOperations}; {@code parks};
   * {@code localSchedules} (wakes and spawns on a worker's own thread), {@code overflowSchedules}
   * (tasks a full local queue moved to the global queue), {@code remoteSchedules} (tasks pushed to
   * the global queue from outside the workers); {@code lifoPolls}; {@code budgetForcedYields};
   * {@code globalQueueDepth}; {@code localQueueDepth.N} for each worker N; {@code blockingThreads};
   * {@code pendingTimers}.
   */
  @Override
  public Map<String, Long> all() {
    Map<String, Long> all = RuntimeMetrics.super.all();
    long overflowed = sum(WorkerCounters.OVERFLOWED_TASKS);
    all.put("stolenTasks", sum(WorkerCounters.STOLEN_TASKS));
    all.put("stealOperations", sum(WorkerCounters.STEAL_OPERATIONS));
    all.put("parks", sum(WorkerCounters.PARKS));
    all.put("localSchedules", sum(WorkerCounters.LOCAL_SCHEDULES));
    all.put("overflowSchedules", overflowed);
    all.put("remoteSchedules", Math.max(0, scheduler.globalQueue.pushed() - overflowed));
    all.put("lifoPolls", sum(WorkerCounters.LIFO_POLLS));
    all.put("budgetForcedYields", sum(WorkerCounters.BUDGET_FORCED_YIELDS));
    all.put("globalQueueDepth", (long) scheduler.globalQueue.depth());
    for (WorkerThread worker : scheduler.workers) {
      all.put("localQueueDepth." + worker.index, (long) worker.runQueue.len());
    }
    all.put("blockingThreads", (long) scheduler.blocking.threads());
    all.put("pendingTimers", (long) scheduler.driver.pendingTimers());
    return all;
  }

  @Override
  public String toString() {
    return "WorkStealingMetrics" + all();
  }
}
