package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.jfr.RuntimeEvents;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The workers of one runtime: the current worker of each slot, the replaced workers whose stuck
 * poll has not returned yet, and the replacement itself, with its counters.
 */
final class WorkerSlots {
  /*
   * Implementation notes: `slots` holds the current worker of each slot; only the monitor replaces
   * an entry (and only before shutdown), so readers see either the old or the new worker.
   * `retired` holds the replaced workers still alive, for shutdown to wait for; `extraWorkers`
   * counts them against maxExtraWorkers. The counters of a replaced worker that ends are added to
   * the `ended*` totals, so metrics do not lose them.
   */
  private final MultithreadScheduler scheduler;
  private final String namePrefix;
  private final int maxExtraWorkers;
  private final AtomicReferenceArray<WorkerThread> slots;
  private final Set<WorkerThread> retired = ConcurrentHashMap.newKeySet();
  private final AtomicInteger extraWorkers = new AtomicInteger();
  private final AtomicInteger workerSequence = new AtomicInteger();
  private final AtomicLong replacements = new AtomicLong();
  private final AtomicLong refusedReplacements = new AtomicLong();
  private final AtomicLong endedPolls = new AtomicLong();
  private final AtomicLong endedParks = new AtomicLong();
  private final AtomicLong endedSteals = new AtomicLong();
  private final AtomicLong endedSpawned = new AtomicLong();
  private final AtomicLong endedCompleted = new AtomicLong();

  WorkerSlots(MultithreadScheduler scheduler, Settings settings) {
    this.scheduler = scheduler;
    this.namePrefix = settings.threadNamePrefix() + "worker-";
    this.maxExtraWorkers = settings.maxExtraWorkers();
    this.slots = new AtomicReferenceArray<>(settings.workers());
  }

  /** Creates and starts a worker in every slot. */
  void start() {
    for (int slot = 0; slot < slots.length(); slot++) {
      slots.set(slot, newWorker(slot));
    }
    for (int slot = 0; slot < slots.length(); slot++) {
      slots.get(slot).start();
    }
  }

  private WorkerThread newWorker(int slot) {
    return new PaddedWorkerThread(scheduler, slot, namePrefix + workerSequence.getAndIncrement());
  }

  int count() {
    return slots.length();
  }

  WorkerThread get(int slot) {
    return slots.get(slot);
  }

  /**
   * Replaces {@code stuck} by a fresh worker in its slot, unless it retires already or {@code
   * maxExtraWorkers} replaced workers are alive. Monitor thread only.
   *
   * @return true if replaced
   */
  boolean replace(WorkerThread stuck, RawTask<?> task, long blockedNanos) {
    if (stuck.isRetiring()) {
      return false;
    }
    if (extraWorkers.get() >= maxExtraWorkers) {
      refusedReplacements.incrementAndGet();
      return false;
    }
    extraWorkers.incrementAndGet();
    retired.add(stuck);
    WorkerThread fresh = newWorker(stuck.slot);
    slots.set(stuck.slot, fresh);
    stuck.retire();
    fresh.start();
    stuck.handOff();
    replacements.incrementAndGet();
    emitReplaced(stuck, task, blockedNanos);
    ReplacementLog.replaced(stuck, task, blockedNanos);
    return true;
  }

  private static void emitReplaced(WorkerThread stuck, RawTask<?> task, long blockedNanos) {
    RuntimeEvents.workerReplaced(
        MultithreadRuntimeProvider.KIND,
        task,
        task instanceof MultithreadTask<?> own ? own.futureClass : null,
        stuck.getName(),
        blockedNanos);
  }

  /**
   * Moves what retiring workers put in their LIFO slots and local queues since to the global queue.
   * Monitor thread.
   */
  void emptyRetiredSlots() {
    if (!retired.isEmpty()) {
      retired.forEach(WorkerThread::handOff);
    }
  }

  /** Whether a retiring worker still holds a task in its LIFO slot or local queue. Any thread. */
  boolean retiredHoldWork() {
    if (retired.isEmpty()) {
      return false;
    }
    for (WorkerThread worker : retired) {
      if (worker.holdsWork()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a current worker's local queue holds a task. Any thread. */
  boolean anyLocalWork() {
    for (int slot = 0; slot < slots.length(); slot++) {
      if (!slots.get(slot).local.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Tasks in the current workers' local queues, approximately. */
  int localDepth() {
    int depth = 0;
    for (int slot = 0; slot < slots.length(); slot++) {
      depth += slots.get(slot).local.len();
    }
    return depth;
  }

  /** Called by each worker as it ends. */
  void ended(WorkerThread worker) {
    if (worker.isRetiring()) { // it left its slot: its counters would be lost
      endedPolls.addAndGet(worker.polls());
      endedParks.addAndGet(worker.parks());
      endedSteals.addAndGet(worker.steals());
      endedSpawned.addAndGet(worker.spawned());
      endedCompleted.addAndGet(worker.completed());
      if (retired.remove(worker)) {
        extraWorkers.decrementAndGet();
      }
    }
  }

  /** Unparks every current worker; for shutdown. */
  void unparkAll() {
    for (int slot = 0; slot < slots.length(); slot++) {
      LockSupport.unpark(slots.get(slot));
    }
  }

  /** Adds every worker thread, current and retired, to {@code threads}. */
  void addThreadsTo(List<Thread> threads) {
    for (int slot = 0; slot < slots.length(); slot++) {
      threads.add(slots.get(slot));
    }
    threads.addAll(retired);
  }

  long polls() {
    long total = endedPolls.get();
    for (int slot = 0; slot < slots.length(); slot++) {
      total += slots.get(slot).polls();
    }
    for (WorkerThread worker : retired) {
      total += worker.polls();
    }
    return total;
  }

  long spawned() {
    long total = endedSpawned.get();
    for (int slot = 0; slot < slots.length(); slot++) {
      total += slots.get(slot).spawned();
    }
    for (WorkerThread worker : retired) {
      total += worker.spawned();
    }
    return total;
  }

  long completed() {
    long total = endedCompleted.get();
    for (int slot = 0; slot < slots.length(); slot++) {
      total += slots.get(slot).completed();
    }
    for (WorkerThread worker : retired) {
      total += worker.completed();
    }
    return total;
  }

  long parks() {
    long total = endedParks.get();
    for (int slot = 0; slot < slots.length(); slot++) {
      total += slots.get(slot).parks();
    }
    return total;
  }

  long steals() {
    long total = endedSteals.get();
    for (int slot = 0; slot < slots.length(); slot++) {
      total += slots.get(slot).steals();
    }
    return total;
  }

  long replacements() {
    return replacements.get();
  }

  long refusedReplacements() {
    return refusedReplacements.get();
  }

  int extraWorkers() {
    return extraWorkers.get();
  }

  /** Hands the tasks of every worker, current and retired, to {@code census}; for task dumps. */
  void censusTo(TaskCensus census) {
    for (int slot = 0; slot < slots.length(); slot++) {
      censusWorker(slots.get(slot), census);
    }
    for (WorkerThread worker : retired) {
      censusWorker(worker, census);
    }
  }

  private static void censusWorker(WorkerThread worker, TaskCensus census) {
    census.addUnowned(worker.polling());
    census.addUnowned(worker.lifoForDump());
    worker.local.forEachQueued(census::addUnowned);
  }
}
