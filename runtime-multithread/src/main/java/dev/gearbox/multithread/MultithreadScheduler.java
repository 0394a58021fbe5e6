package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.BindOnWaitScheduler;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.FiberCarrier;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.ParkingBlockOn;
import dev.gearbox.spi.ParkingWaker;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import dev.gearbox.time.PausedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state the threads of one runtime share, and the {@link TaskScheduler} of its tasks: a spawn
 * or wake from a task's poll goes to its worker's LIFO slot, a yield to the back of its worker's
 * local queue; any other to the back of the global queue, waking a sleeping worker if none spins.
 */
final class MultithreadScheduler implements BindOnWaitScheduler, ParkingBlockOn.Host {
  /*
   * Implementation notes: the workers and their replacement live in WorkerSlots; no worker is
   * replaced once `shutdown` is set.
   *
   * Which tasks `owned` holds: only waiting ones (as in runtime-workstealing). A task is bound
   * when it first returns Pending with no wake pending (beforeWait); a task that finishes in its
   * first poll, or only ever yields, never takes a shard lock. Every other alive task is queued
   * (a LIFO slot, a local queue, the global queue) or inside a poll. The spawned and completed
   * counts are the workers' own counters plus adders for the other threads.
   *
   * Shutdown: `owned` is closed and every waiting task aborted, then `shutdown` is set and every
   * sleeping worker, the monitor and the driver thread woken; each sees `shutdown` and ends. From
   * the close on, a task that would wait is cancelled instead (beforeWait refuses) and a spawn is
   * refused. A worker that ends at shutdown aborts what its LIFO slot and local queue hold: only it
   * pushes there, and it ends between polls, so it sees its own pushes. The driver thread closes
   * the driver and then aborts what the global queue holds. Every push to the global queue reads
   * `closed` after the push (pushGlobal): the push (a CAS) and that read, against the close and
   * then the driver's drain, is a Dekker pair, so either the drain sees the task or the pusher sees
   * `closed` and aborts it itself. Entries of tasks already complete are stale: aborting them does
   * nothing.
   */

  /** The global queue's ring: tasks beyond it go to its overflow list, a node each. */
  static final int GLOBAL_QUEUE_CAPACITY = 1 << 16;

  final MultithreadRuntime runtime;
  final Settings settings;
  final RuntimeDriver driver;
  final BlockingPool blocking;
  final MpmcGlobalQueue<RawTask<?>> globalQueue = new MpmcGlobalQueue<>(GLOBAL_QUEUE_CAPACITY);
  final OwnedTasks owned = new OwnedTasks();
  final Monitor monitor;
  final Idle idle;
  final Thread driverThread;
  final LongAdder slowPolls = new LongAdder(); // polls a JFR recording reported slow
  private final WorkerSlots slots;
  private final AtomicInteger blockOnPolls = new AtomicInteger();
  private final LongAdder outsideSpawned = new LongAdder();
  private final LongAdder outsideCompleted = new LongAdder();
  private final boolean pausedClock;
  private volatile boolean shutdown;

  /**
   * The wakers of threads inside blockOn, woken at shutdown so they end with
   * RuntimeClosedException.
   */
  private final Set<ParkingWaker> blockOnWaiters = ConcurrentHashMap.newKeySet();

  MultithreadScheduler(
      MultithreadRuntime runtime, Settings settings, RuntimeDriver driver, BlockingPool blocking) {
    this.runtime = runtime;
    this.settings = settings;
    this.driver = driver;
    this.blocking = blocking;
    this.pausedClock = driver.clock() instanceof PausedClock;
    this.monitor = new Monitor(this, settings);
    this.idle = new Idle(monitor);
    this.slots = new WorkerSlots(this, settings);
    this.driverThread =
        Thread.ofPlatform()
            .daemon()
            .name(settings.threadNamePrefix() + "driver")
            .unstarted(new DriverLoop(this));
  }

  void start() {
    slots.start();
    driverThread.start();
    monitor.start();
  }

  <T> MultithreadTask<T> spawn(Future<T> future) {
    if (owned.isClosed()) {
      throw new RuntimeClosedException(MultithreadRuntimeProvider.KIND, "spawn");
    }
    MultithreadTask<T> task = new MultithreadTask<>(future, this);
    if (FiberCarrier.carrierThread() instanceof WorkerThread worker && worker.scheduler == this) {
      worker.countSpawned();
    } else {
      outsideSpawned.increment();
    }
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    if (FiberCarrier.carrierThread() instanceof WorkerThread worker
        && worker.scheduler == this
        && !worker.isRetiring()) {
      worker.scheduleLifo(task);
    } else {
      pushGlobal(task);
    }
  }

  @Override
  public void yieldNow(RawTask<?> task) {
    if (FiberCarrier.carrierThread() instanceof WorkerThread worker
        && worker.scheduler == this
        && !worker.isRetiring()) {
      worker.scheduleLocal(task);
    } else {
      pushGlobal(task);
    }
  }

  /**
   * Pushes a task to the global queue and wakes a worker for it; if the runtime closed meanwhile,
   * cancels the task, since the queue's last drain may have missed it. Any thread.
   */
  void pushGlobal(RawTask<?> task) {
    globalQueue.push(task);
    idle.notifyOne();
    if (owned.isClosed()) {
      task.abort(); // a no-op if a worker ran it to its end already
    }
  }

  /**
   * Pushes {@code tasks[0 .. count)} to the global queue as one batch (a full local queue's older
   * half) and wakes a worker for them, with the same check of the close as {@link #pushGlobal}. Any
   * thread.
   */
  void pushGlobalBatch(RawTask<?>[] tasks, int count) {
    globalQueue.pushBatch(tasks, count);
    idle.notifyOne();
    if (owned.isClosed()) {
      for (int i = 0; i < count; i++) {
        tasks[i].abort(); // a no-op if a worker ran it to its end already
      }
    }
  }

  @Override
  public OwnedTasks owned() {
    return owned;
  }

  @Override
  public void afterRelease(RawTask<?> task) {
    if (FiberCarrier.carrierThread() instanceof WorkerThread worker && worker.scheduler == this) {
      worker.countCompleted();
    } else {
      outsideCompleted.increment();
    }
  }

  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    runtime.failures().report(task, failure);
  }

  /** Tasks spawned so far. */
  long spawnedTasks() {
    return outsideSpawned.sum() + slots.spawned();
  }

  /** Tasks spawned and not finished yet. */
  long aliveTasks() {
    return Math.max(0, spawnedTasks() - outsideCompleted.sum() - slots.completed());
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  /**
   * A helping join: on a worker of this runtime (its own thread, not a fiber it carries), a task
   * whose join is polled before it started is polled in place by the joiner
   * (WorkerThread.helpJoin).
   */
  @Override
  public boolean helpJoin(RawTask<?> task) {
    return Thread.currentThread() instanceof WorkerThread worker
        && worker.scheduler == this
        && worker.helpJoin(task);
  }

  @Override
  public boolean consumeBudget() {
    if (Thread.currentThread() instanceof WorkerThread worker && worker.scheduler == this) {
      return worker.consumeBudget();
    }
    return true;
  }

  // ---- workers

  int workerCount() {
    return slots.count();
  }

  WorkerThread worker(int slot) {
    return slots.get(slot);
  }

  /** Whether a current worker's local queue holds a task. Any thread. */
  boolean anyLocalWork() {
    return slots.anyLocalWork();
  }

  /** Replaces a stuck worker unless shut down; see {@link WorkerSlots#replace}. Monitor only. */
  boolean replace(WorkerThread stuck, RawTask<?> task, long blockedNanos) {
    return !shutdown && slots.replace(stuck, task, blockedNanos);
  }

  /** Called by each worker as it ends. */
  void workerEnded(WorkerThread worker) {
    slots.ended(worker);
  }

  /** A worker parked: on a paused clock, the driver re-evaluates whether every task waits. */
  void workerParked() {
    if (pausedClock && idle.sleeping() >= slots.count()) {
      driver.unpark();
    }
  }

  /** Every thread of the runtime but the blocking pool's, for shutdown to wait for. */
  List<Thread> threads() {
    List<Thread> threads = new ArrayList<>();
    threads.add(monitor);
    threads.add(driverThread);
    slots.addThreadsTo(threads);
    return threads;
  }

  // ---- metrics

  WorkerSlots slots() {
    return slots;
  }

  // ---- paused clock and blockOn

  /** Whether a paused clock may jump to the next timer: nothing of the runtime can run. */
  boolean everyTaskWaits() {
    return pausedClock
        && idle.sleeping() >= slots.count()
        && globalQueue.isEmpty()
        && blockOnPolls.get() == 0
        && blocking.aliveTasks() == 0;
  }

  @Override
  public void addBlockOnWaiter(ParkingWaker waker) {
    blockOnWaiters.add(waker);
  }

  @Override
  public void removeBlockOnWaiter(ParkingWaker waker) {
    blockOnWaiters.remove(waker);
  }

  @Override
  public void pollStarted() {
    blockOnPolls.incrementAndGet();
  }

  @Override
  public void pollEnded() {
    if (blockOnPolls.decrementAndGet() == 0 && pausedClock) {
      driver.unpark(); // the driver re-evaluates whether every task waits
    }
  }

  // ---- shutdown

  boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean workersStopped() {
    return shutdown;
  }

  @Override
  public String runtimeKind() {
    return runtime.kind();
  }

  /** Cancels every alive task and wakes every thread so it ends. */
  void shutdown() {
    owned.closeAndCancelAll(); // first: from now on no task waits and no spawn is accepted
    shutdown = true;
    idle.notifyAll0();
    slots.unparkAll();
    monitor.wakeForShutdown();
    driver.unpark();
    blockOnWaiters.forEach(ParkingWaker::wake);
  }

  /** Cancels what the global queue holds; by the driver thread once it ended its loop. */
  void abortQueued() {
    for (RawTask<?> task = globalQueue.pop(); task != null; task = globalQueue.pop()) {
      task.abort(); // a no-op for a stale entry, whose task is complete
    }
  }

  /**
   * Hands every live task to {@code census}: the waiting ones in the owned set, then what no set
   * holds, on the workers and in the shared queue. Weakly consistent; any thread.
   */
  void censusTo(TaskCensus census) {
    census.addOwned(owned);
    slots.censusTo(census);
    globalQueue.forEachQueued(census::addUnowned);
  }
}
