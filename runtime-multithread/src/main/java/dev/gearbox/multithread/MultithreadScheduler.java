package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.ParkingWaker;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.time.PausedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The state the threads of one runtime share, and the {@link TaskScheduler} of its tasks: a spawn
 * or wake from a task's poll goes to its worker's LIFO slot; any other, and every yield, to the
 * back of the one run queue, waking a sleeping worker if none spins.
 */
final class MultithreadScheduler implements TaskScheduler {
  /*
   * Implementation notes: `workers` holds the current worker of each slot; only the monitor
   * replaces an entry (and only before shutdown), so readers see either the old or the new worker.
   * `retired` holds the replaced workers still alive, for shutdown to wait for; `extraWorkers`
   * counts them against maxExtraWorkers. The counters of a worker that ends are added to
   * `endedPolls` and `endedParks`, so metrics do not lose them.
   *
   * Shutdown (Tokio's rule): `shutdown` is set, `owned` closed and every alive task aborted, every
   * sleeping worker, the monitor and the driver thread woken; each sees `shutdown` and ends. The
   * driver thread closes the driver on its way out. Queue entries left are stale (their tasks are
   * complete) and are cleared.
   */
  final MultithreadRuntime runtime;
  final Settings settings;
  final RuntimeDriver driver;
  final BlockingPool blocking;
  final RunQueue queue = new RunQueue();
  final OwnedTasks owned = new OwnedTasks();
  final Monitor monitor;
  final Sleepers sleepers;
  final Thread driverThread;
  private final AtomicReferenceArray<Worker> workers;
  private final Set<Worker> retired = ConcurrentHashMap.newKeySet();
  private final AtomicInteger extraWorkers = new AtomicInteger();
  private final AtomicInteger workerSequence = new AtomicInteger();
  private final AtomicLong replacements = new AtomicLong();
  private final AtomicLong refusedReplacements = new AtomicLong();
  private final AtomicLong endedPolls = new AtomicLong();
  private final AtomicLong endedParks = new AtomicLong();
  private final AtomicInteger blockOnPolls = new AtomicInteger();
  private final boolean pausedClock;
  private volatile boolean shutdown;

  /** The wakers of threads inside blockOn, woken at shutdown so they drive their own timers. */
  final Set<ParkingWaker> blockOnWaiters = ConcurrentHashMap.newKeySet();

  MultithreadScheduler(
      MultithreadRuntime runtime, Settings settings, RuntimeDriver driver, BlockingPool blocking) {
    this.runtime = runtime;
    this.settings = settings;
    this.driver = driver;
    this.blocking = blocking;
    this.pausedClock = driver.clock() instanceof PausedClock;
    this.monitor = new Monitor(this, settings);
    this.sleepers = new Sleepers(monitor);
    this.workers = new AtomicReferenceArray<>(settings.workers());
    for (int slot = 0; slot < settings.workers(); slot++) {
      workers.set(slot, newWorker(slot));
    }
    this.driverThread =
        Thread.ofPlatform()
            .daemon()
            .name(settings.threadNamePrefix() + "driver")
            .unstarted(new DriverLoop(this));
  }

  private Worker newWorker(int slot) {
    String name = settings.threadNamePrefix() + "worker-" + workerSequence.getAndIncrement();
    return new Worker(this, slot, name);
  }

  void start() {
    for (int slot = 0; slot < workers.length(); slot++) {
      workers.get(slot).start();
    }
    driverThread.start();
    monitor.start();
  }

  <T> MultithreadTask<T> spawn(Future<T> future) {
    MultithreadTask<T> task = new MultithreadTask<>(future, this);
    if (!owned.bind(task)) {
      throw new RuntimeClosedException(MultithreadRuntimeProvider.KIND, "spawn");
    }
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    if (Thread.currentThread() instanceof Worker worker
        && worker.scheduler == this
        && !worker.isRetiring()) {
      worker.scheduleLifo(task);
    } else {
      queue.push(task);
      sleepers.notifyOne();
    }
  }

  @Override
  public void yieldNow(RawTask<?> task) {
    queue.push(task);
    sleepers.notifyOne();
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  @Override
  public boolean consumeBudget() {
    if (Thread.currentThread() instanceof Worker worker && worker.scheduler == this) {
      return worker.consumeBudget();
    }
    return true;
  }

  // ---- workers and their replacement

  int workerCount() {
    return workers.length();
  }

  Worker worker(int slot) {
    return workers.get(slot);
  }

  /**
   * Replaces {@code stuck} by a fresh worker in its slot, unless shut down or at the bound of extra
   * workers. Monitor thread only.
   *
   * @return true if replaced
   */
  boolean replace(Worker stuck, RawTask<?> task, long blockedNanos) {
    if (shutdown || stuck.isRetiring()) {
      return false;
    }
    if (extraWorkers.get() >= settings.maxExtraWorkers()) {
      refusedReplacements.incrementAndGet();
      return false;
    }
    extraWorkers.incrementAndGet();
    retired.add(stuck);
    Worker fresh = newWorker(stuck.slot);
    workers.set(stuck.slot, fresh);
    stuck.retire();
    fresh.start();
    stuck.moveLifoToQueue();
    replacements.incrementAndGet();
    emitReplaced(stuck, task, blockedNanos);
    return true;
  }

  private static void emitReplaced(Worker stuck, RawTask<?> task, long blockedNanos) {
    WorkerReplacedEvent event = new WorkerReplacedEvent();
    if (event.isEnabled()) {
      if (task != null) {
        event.taskId = task.id();
        event.futureClass = task instanceof MultithreadTask<?> own ? own.futureClass : null;
      }
      event.workerThread = stuck.getName();
      event.blockedFor = blockedNanos;
      event.commit();
    }
  }

  /** Moves what retiring workers put in their LIFO slots since to the queue. Monitor thread. */
  void emptyRetiredSlots() {
    if (!retired.isEmpty()) {
      retired.forEach(Worker::moveLifoToQueue);
    }
  }

  /** Called by each worker as it ends. */
  void workerEnded(Worker worker) {
    endedPolls.addAndGet(worker.polls());
    endedParks.addAndGet(worker.parks());
    if (worker.isRetiring() && retired.remove(worker)) {
      extraWorkers.decrementAndGet();
    }
  }

  /** A worker parked: on a paused clock, the driver re-evaluates whether every task waits. */
  void workerParked() {
    if (pausedClock && sleepers.sleeping() >= workers.length()) {
      driver.unpark();
    }
  }

  /** Every thread of the runtime but the blocking pool's, for shutdown to wait for. */
  List<Thread> threads() {
    List<Thread> threads = new ArrayList<>();
    threads.add(monitor);
    threads.add(driverThread);
    for (int slot = 0; slot < workers.length(); slot++) {
      threads.add(workers.get(slot));
    }
    threads.addAll(retired);
    return threads;
  }

  // ---- metrics

  long polls() {
    long total = endedPolls.get();
    for (int slot = 0; slot < workers.length(); slot++) {
      total += workers.get(slot).polls();
    }
    for (Worker worker : retired) {
      total += worker.polls();
    }
    return total;
  }

  long parks() {
    long total = endedParks.get();
    for (int slot = 0; slot < workers.length(); slot++) {
      total += workers.get(slot).parks();
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

  // ---- paused clock and blockOn

  /** Whether a paused clock may jump to the next timer: nothing of the runtime can run. */
  boolean everyTaskWaits() {
    return pausedClock
        && sleepers.sleeping() >= workers.length()
        && queue.isEmpty()
        && blockOnPolls.get() == 0
        && blocking.aliveTasks() == 0;
  }

  void blockOnPollStarted() {
    blockOnPolls.incrementAndGet();
  }

  void blockOnPollEnded() {
    if (blockOnPolls.decrementAndGet() == 0 && pausedClock) {
      driver.unpark(); // the driver re-evaluates whether every task waits
    }
  }

  // ---- shutdown

  boolean isShutdown() {
    return shutdown;
  }

  /** Cancels every alive task and wakes every thread so it ends. */
  void shutdown() {
    shutdown = true;
    owned.closeAndCancelAll();
    sleepers.notifyAll0();
    for (int slot = 0; slot < workers.length(); slot++) {
      java.util.concurrent.locks.LockSupport.unpark(workers.get(slot));
    }
    monitor.wakeForShutdown();
    driver.unpark();
    blockOnWaiters.forEach(ParkingWaker::wake);
  }

  /** Clears stale queue entries; by the driver thread once it ended its loop. */
  void clearQueue() {
    while (queue.poll() != null) {
      // entries of tasks the shutdown cancelled
    }
  }
}
