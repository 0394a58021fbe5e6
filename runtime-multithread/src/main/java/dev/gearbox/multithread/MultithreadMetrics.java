package dev.gearbox.multithread;

import dev.gearbox.runtime.RuntimeMetrics;
import java.util.Map;

/** The live counters of a multithread runtime; every read sums the workers' own counters. */
final class MultithreadMetrics implements RuntimeMetrics {
  private final MultithreadScheduler scheduler;

  MultithreadMetrics(MultithreadScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public long unjoinedFailures() {
    return scheduler.runtime.failures().count();
  }

  @Override
  public int workers() {
    return scheduler.workerCount();
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
    return scheduler.slots().polls();
  }

  /**
   * The common counters, then: {@code parks}; {@code sleepingWorkers}; {@code runQueueDepth} (the
   * global queue and the workers' local queues); {@code replacedWorkers} (workers the monitor
   * replaced because they were stuck inside a poll); {@code retiringWorkers} (replaced workers
   * whose poll has not returned yet); {@code refusedReplacements} (stuck workers left in place
   * because {@code maxExtraWorkers} retiring workers were alive); {@code blockingThreads}; {@code
   * pendingTimers}.
   */
  @Override
  public Map<String, Long> all() {
    Map<String, Long> all = RuntimeMetrics.super.all();
    all.put("parks", scheduler.slots().parks());
    all.put("sleepingWorkers", (long) scheduler.idle.sleeping());
    all.put("runQueueDepth", (long) scheduler.globalQueue.depth() + scheduler.slots().localDepth());
    all.put("replacedWorkers", scheduler.slots().replacements());
    all.put("retiringWorkers", (long) scheduler.slots().extraWorkers());
    all.put("refusedReplacements", scheduler.slots().refusedReplacements());
    all.put("blockingThreads", (long) scheduler.blocking.threads());
    all.put("pendingTimers", (long) scheduler.driver.pendingTimers());
    return all;
  }

  @Override
  public String toString() {
    return "MultithreadMetrics" + all();
  }
}
