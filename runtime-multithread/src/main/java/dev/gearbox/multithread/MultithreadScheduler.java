package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.ParkingBlockOn;
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

/**
 * The state the threads of one runtime share, and the {@link TaskScheduler} of its tasks: a spawn
 * or wake from a task's poll goes to its worker's LIFO slot, a yield to the back of its worker's
 * local queue; any other to the back of the shared run queue, waking a sleeping worker if none
 * spins.
 */
final class MultithreadScheduler implements TaskScheduler, ParkingBlockOn.Host {
  /*
   * Implementation notes: the workers and their replacement live in WorkerSlots; no worker is
   * replaced once `shutdown` is set.
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
  private final WorkerSlots slots;
  private final AtomicInteger blockOnPolls = new AtomicInteger();
  private final boolean pausedClock;
  private volatile boolean shutdown;

  /** The wakers of threads inside blockOn, woken at shutdown so they drive their own timers. */
  private final Set<ParkingWaker> blockOnWaiters = ConcurrentHashMap.newKeySet();

  MultithreadScheduler(
      MultithreadRuntime runtime, Settings settings, RuntimeDriver driver, BlockingPool blocking) {
    this.runtime = runtime;
    this.settings = settings;
    this.driver = driver;
    this.blocking = blocking;
    this.pausedClock = driver.clock() instanceof PausedClock;
    this.monitor = new Monitor(this, settings);
    this.sleepers = new Sleepers(monitor);
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
    if (Thread.currentThread() instanceof Worker worker
        && worker.scheduler == this
        && !worker.isRetiring()) {
      worker.scheduleLocal(task);
    } else {
      queue.push(task);
      sleepers.notifyOne();
    }
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

  // ---- workers

  int workerCount() {
    return slots.count();
  }

  Worker worker(int slot) {
    return slots.get(slot);
  }

  /** Whether a current worker's local queue holds a task. Any thread. */
  boolean anyLocalWork() {
    return slots.anyLocalWork();
  }

  /** Replaces a stuck worker unless shut down; see {@link WorkerSlots#replace}. Monitor only. */
  boolean replace(Worker stuck, RawTask<?> task, long blockedNanos) {
    return !shutdown && slots.replace(stuck, task, blockedNanos);
  }

  /** Called by each worker as it ends. */
  void workerEnded(Worker worker) {
    slots.ended(worker);
  }

  /** A worker parked: on a paused clock, the driver re-evaluates whether every task waits. */
  void workerParked() {
    if (pausedClock && sleepers.sleeping() >= slots.count()) {
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
        && sleepers.sleeping() >= slots.count()
        && queue.isEmpty()
        && blockOnPolls.get() == 0
        && blocking.aliveTasks() == 0;
  }

  @Override
  public int pollBudget() {
    return Worker.BUDGET;
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

  /** Cancels every alive task and wakes every thread so it ends. */
  void shutdown() {
    shutdown = true;
    owned.closeAndCancelAll();
    sleepers.notifyAll0();
    slots.unparkAll();
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
