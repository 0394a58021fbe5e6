package dev.gearbox.workstealing;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state the workers of one runtime share (Tokio's {@code Shared}), and the {@link
 * TaskScheduler} of its tasks: a wake on a worker goes to that worker's LIFO slot or local queue, a
 * wake from any other thread to the inject queue, waking a parked worker if nobody searches.
 */
final class WorkStealingScheduler implements TaskScheduler, ParkingBlockOn.Host {
  /*
   * Implementation notes: the fields are final and set before the worker threads start, except
   * `shutdown` (volatile, set once) and the counters, which are atomic. A thread finds its own
   * worker with `Thread.currentThread() instanceof WorkerThread`, a type check rather than a
   * ThreadLocal lookup, and compares the worker's scheduler with this one, since a task of this
   * runtime may be woken from a worker of another.
   *
   * Shutdown (Tokio's rule): `owned` is closed and every alive task aborted on the calling thread
   * (a task inside a poll completes as cancelled when the poll returns), then every worker is
   * unparked; workers see `shutdown` at their next maintenance or wake-up and end. Queue entries
   * left behind are stale (their tasks are complete), so they are cleared, not run. The last
   * worker to end closes the driver.
   */
  final Settings settings;
  final WorkStealingRuntime runtime;
  final RuntimeDriver driver;
  final BlockingPool blocking;
  final InjectQueue inject = new InjectQueue();
  final OwnedTasks owned = new OwnedTasks();
  final Idle idle;
  final WorkerThread[] workers;
  private final boolean pausedClock;
  private final AtomicInteger liveWorkers;
  private final AtomicInteger blockOnPolls = new AtomicInteger();
  private volatile boolean shutdown;

  /** The wakers of threads inside blockOn, woken at shutdown so they drive their own timers. */
  final Set<ParkingWaker> blockOnWaiters = ConcurrentHashMap.newKeySet();

  WorkStealingScheduler(
      WorkStealingRuntime runtime, Settings settings, RuntimeDriver driver, BlockingPool blocking) {
    this.runtime = runtime;
    this.settings = settings;
    this.driver = driver;
    this.blocking = blocking;
    this.pausedClock = driver.clock() instanceof PausedClock;
    this.idle = new Idle(settings.workers());
    this.workers = new WorkerThread[settings.workers()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new WorkerThread(this, i, settings.threadNamePrefix() + "worker-" + i);
    }
    this.liveWorkers = new AtomicInteger(workers.length);
  }

  void start() {
    for (WorkerThread worker : workers) {
      worker.start();
    }
  }

  <T> ScheduledTask<T> spawn(Future<T> future) {
    ScheduledTask<T> task = new ScheduledTask<>(future, this);
    if (!owned.bind(task)) {
      throw new RuntimeClosedException(WorkStealingRuntimeProvider.KIND, "spawn");
    }
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    if (Thread.currentThread() instanceof WorkerThread worker && worker.scheduler == this) {
      worker.scheduleLocal((ScheduledTask<?>) task, false);
    } else {
      scheduleRemote((ScheduledTask<?>) task);
    }
  }

  @Override
  public void yieldNow(RawTask<?> task) {
    if (Thread.currentThread() instanceof WorkerThread worker && worker.scheduler == this) {
      worker.scheduleLocal((ScheduledTask<?>) task, true);
    } else {
      scheduleRemote((ScheduledTask<?>) task);
    }
  }

  private void scheduleRemote(ScheduledTask<?> task) {
    inject.push(task);
    notifyParked();
  }

  /** Wakes one parked worker, unless a worker is searching or none is parked. Any thread. */
  void notifyParked() {
    int index = idle.workerToNotify();
    if (index >= 0) {
      workers[index].parker.unpark(driver);
    }
  }

  /** Wakes a worker if any queue holds work; for the last searcher to park. */
  void notifyIfWorkPending() {
    for (WorkerThread worker : workers) {
      if (!worker.runQueue.isEmpty()) {
        notifyParked();
        return;
      }
    }
    if (!inject.isEmpty()) {
      notifyParked();
    }
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
    if (settings.shutdownOnPanic() && task.isFailed()) {
      runtime.shutdown();
    }
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  @Override
  public boolean consumeBudget() {
    if (Thread.currentThread() instanceof WorkerThread worker && worker.scheduler == this) {
      return worker.consumeBudget();
    }
    return true;
  }

  /** Whether a paused clock may jump to the next timer: nothing of the runtime can run. */
  boolean everyTaskWaits() {
    return pausedClock
        && idle.unparked() == 0
        && inject.isEmpty()
        && blockOnPolls.get() == 0
        && blocking.aliveTasks() == 0;
  }

  boolean isPausedClock() {
    return pausedClock;
  }

  void blockOnPollStarted() {
    blockOnPolls.incrementAndGet();
  }

  void blockOnPollEnded() {
    if (blockOnPolls.decrementAndGet() == 0 && pausedClock && idle.unparked() == 0) {
      driver.unpark(); // every worker parked before this poll ended: let the holder re-evaluate
    }
  }

  boolean isShutdown() {
    return shutdown;
  }

  /** Closes the task set, cancelling every alive task, and wakes every worker so it ends. */
  void shutdown() {
    shutdown = true;
    owned.closeAndCancelAll();
    for (WorkerThread worker : workers) {
      worker.parker.unpark(driver);
    }
    blockOnWaiters.forEach(ParkingWaker::wake);
  }

  /** Called by each worker as it ends; the last one closes the driver. */
  void workerEnded() {
    if (liveWorkers.decrementAndGet() == 0) {
      driver.close();
      while (inject.popBatch(1, null) != null) {
        // stale entries of cancelled tasks
      }
    }
  }

  // ---- ParkingBlockOn.Host: the callers of Runtime.blockOn

  @Override
  public boolean workersStopped() {
    return isShutdown();
  }

  @Override
  public int pollBudget() {
    return WorkerThread.BUDGET;
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
    blockOnPollStarted();
  }

  @Override
  public void pollEnded() {
    blockOnPollEnded();
  }
}
