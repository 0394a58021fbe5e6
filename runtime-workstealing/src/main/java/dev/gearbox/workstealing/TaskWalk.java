package dev.gearbox.workstealing;

import dev.gearbox.spi.TaskCensus;

/**
 * Finds every live task of a work-stealing runtime for a task dump, without stopping it: the
 * waiting ones in the owned set, then what no set holds (new tasks, tasks that only yielded, tasks
 * in their first poll) in the workers' polls, LIFO slots, local queues and deferred-yield lists,
 * and in the inject queue. Each is read without synchronisation (see TaskCensus): the walk is
 * weakly consistent.
 */
final class TaskWalk {
  private TaskWalk() {}

  static void census(WorkStealingScheduler scheduler, TaskCensus census) {
    census.addOwned(scheduler.owned);
    for (WorkerThread worker : scheduler.workers) {
      census.addUnowned(worker.pollingForDump());
      census.addUnowned(worker.lifoSlotForDump());
      worker.runQueue.forEachForDump(census::addUnowned);
      worker.deferredForDump(census::addUnowned);
    }
    census.addUnowned(scheduler.globalQueue.forDump());
  }
}
