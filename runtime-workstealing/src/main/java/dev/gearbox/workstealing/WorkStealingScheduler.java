package dev.gearbox.workstealing;

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
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.time.PausedClock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state the workers of one runtime share (Tokio's {@code Shared}), and the {@link
 * TaskScheduler} of its tasks: a wake on a worker goes to that worker's LIFO slot or local queue, a
 * wake from any other thread to the global queue, waking a parked worker if nobody searches.
 */
final class WorkStealingScheduler implements BindOnWaitScheduler, ParkingBlockOn.Host {
  /*
   * Implementation notes: the fields are final and set before the worker threads start, except
   * `shutdown` (volatile, set once) and the counters. A thread finds its own
   * worker with `Thread.currentThread() instanceof WorkerThread`, a type check rather than a
   * ThreadLocal lookup (a fiber looks up the worker carrying it: FiberCarrier.carrierThread), and
   * compares the worker's scheduler with this one, since a task of this
   * runtime may be woken from a worker of another.
   *
   * Which tasks `owned` holds: only waiting ones. A task is bound when it first returns Pending
   * with no wake pending (beforeWait), since only then is it in no queue and on no worker; a task
   * that finishes in its first poll, or only ever yields, never touches the set. Every other alive
   * task is queued (a LIFO slot, a local queue, the global queue) or inside a poll on a worker.
   * The counts of spawned and finished tasks are the workers' own counters, plus adders for the
   * other threads; a spawn from outside is counted as a global queue push that was neither overflow
   * nor a wake, so it pays no counter of its own.
   *
   * Claimed entries (yieldKeepsClaim): a yield queues the task still RUNNING, its entry holding the
   * claim, so every entry a worker takes is polled (TaskPoller) or, once shutting down, cancelled
   * with abortQueued (the poller, a worker's clearQueues, the global queue's last drain), never
   * dropped: an abort() meanwhile only marks such a task, and its entry completes it. A deferred
   * yield (deferYield) is such an entry too, held a little longer in the worker's deferred list.
   *
   * Helping join (helpJoin): a task polling the join handle of a task of this runtime that is
   * queued and not running polls it in place, on the worker's own thread, once, through the
   * worker's TaskPoller (RawTask.runInPlace: the task's queue entry stays where it is, in any
   * queue, and is consumed or skipped by its taker; see RawTask's notes). Bounds: nesting depth
   * (HelpingJoin.MAX_DEPTH, since the task polled in place may join another in turn) and one unit
   * of the running poll's cooperative budget per poll in place, so one poll of a queued task does
   * at most CoopBudget.PER_POLL polls in place before its joins wait as usual. Not done while
   * shutting down, nor from a fiber (its own thread, not the worker's).
   *
   * Shutdown: `owned` is closed and every waiting task aborted on the calling thread, then
   * `shutdown` is set and every worker unparked. From the close on, a task that would wait is
   * cancelled instead (beforeWait refuses) and a spawn is refused. A worker that sees `shutdown`
   * ends and aborts what its LIFO slot and local queue hold (a task inside its poll completes as
   * cancelled when the poll returns, or is queued there first); the last worker to end closes the
   * driver and aborts what the global queue holds. A spawn from outside the workers pushes to the
   * global queue and then reads `closed`: the push (an exchange) and that read, against close()
   * then the last worker's drain, is a Dekker pair, so either the drain sees the task or the
   * spawner sees `closed` and aborts the task itself (its handle then completes as cancelled). Entries of tasks already complete are
   * stale: aborting them does nothing.
   */
  final Settings settings;
  final WorkStealingRuntime runtime;
  final RuntimeDriver driver;
  final BlockingPool blocking;
  final GlobalQueue globalQueue = new GlobalQueue();
  final OwnedTasks owned = new OwnedTasks();
  final Idle idle;
  final WorkerThread[] workers;
  private final boolean pausedClock;
  private final AtomicInteger liveWorkers;
  private final AtomicInteger blockOnPolls = new AtomicInteger();
  private final LongAdder remoteWakes = new LongAdder();
  private final LongAdder remoteCompleted = new LongAdder();
  private volatile boolean shutdown;

  /**
   * The wakers of threads inside blockOn, woken at shutdown so they end with
   * RuntimeClosedException.
   */
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
      workers[i] = new PaddedWorkerThread(this, i, settings.threadNamePrefix() + "worker-" + i);
    }
    this.liveWorkers = new AtomicInteger(workers.length);
  }

  void start() {
    for (WorkerThread worker : workers) {
      worker.start();
    }
  }

  <T> ScheduledTask<T> spawn(Future<T> future) {
    if (owned.isClosed()) {
      throw new RuntimeClosedException(WorkStealingRuntimeProvider.KIND, "spawn");
    }
    ScheduledTask<T> task = new ScheduledTask<>(future, this);
    WorkerThread worker = currentWorker();
    if (worker != null) {
      // Queued on this worker, which aborts what its queues hold when it ends.
      worker.counters.increment(WorkerCounters.SPAWNED_TASKS);
      worker.scheduleLocal(task, false);
      return task;
    }
    scheduleRemote(task); // counted as global queue pushes less overflow and remote wakes
    if (owned.isClosed()) {
      // Closed since the check above: the last drain may have missed the task (see the notes),
      // so it is cancelled here, unless a worker ran it to its end already.
      task.abort();
    }
    return task;
  }

  /**
   * The worker of this scheduler that runs the calling code (a task's poll, or a fiber it carries),
   * or null.
   */
  WorkerThread currentWorker() {
    return FiberCarrier.carrierThread() instanceof WorkerThread worker && worker.scheduler == this
        ? worker
        : null;
  }

  @Override
  public void schedule(RawTask<?> task) {
    WorkerThread worker = currentWorker();
    if (worker != null) {
      worker.scheduleLocal((ScheduledTask<?>) task, false);
    } else {
      remoteWakes.increment();
      scheduleRemote((ScheduledTask<?>) task);
    }
  }

  /**
   * True: a yield keeps the task's claim in its queue entry (every entry taken is run or aborted).
   */
  @Override
  public boolean yieldKeepsClaim() {
    return true;
  }

  @Override
  public void yieldNow(RawTask<?> task) {
    WorkerThread worker = currentWorker();
    if (worker != null) {
      worker.scheduleLocal((ScheduledTask<?>) task, true);
    } else {
      remoteWakes.increment();
      scheduleRemote((ScheduledTask<?>) task);
    }
  }

  /**
   * A yield ({@code Futures.yieldNow}) on a worker goes to that worker's deferred list, queued
   * (still claimed) once the worker runs out of ready work or at its next maintenance tick; off a
   * worker it is an ordinary yield.
   */
  @Override
  public void deferYield(RawTask<?> task) {
    WorkerThread worker = currentWorker();
    if (worker != null) {
      worker.deferYield((ScheduledTask<?>) task);
    } else {
      yieldNow(task);
    }
  }

  private void scheduleRemote(ScheduledTask<?> task) {
    globalQueue.push(task);
    notifyParked();
  }

  /** Wakes one parked worker, unless a worker is searching or none is parked. Any thread. */
  void notifyParked() {
    int index = idle.workerToNotify();
    if (index >= 0) {
      workers[index].parker.unpark();
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
    if (!globalQueue.isEmpty()) {
      notifyParked();
    }
  }

  /**
   * A helping join: on a worker of this runtime (its own thread, not a fiber it carries), a task
   * whose join is polled before it started is polled in place by the joiner, within the worker's
   * bounds (WorkerThread.helpJoin).
   */
  @Override
  public boolean helpJoin(RawTask<?> task) {
    return Thread.currentThread() instanceof WorkerThread worker
        && worker.scheduler == this
        && worker.helpJoin((ScheduledTask<?>) task);
  }

  @Override
  public OwnedTasks owned() {
    return owned;
  }

  @Override
  public void afterRelease(RawTask<?> task) {
    WorkerThread worker = currentWorker();
    if (worker != null) {
      worker.counters.increment(WorkerCounters.COMPLETED_TASKS);
    } else {
      remoteCompleted.increment();
    }
    if (settings.shutdownOnPanic() && task.isFailed()) {
      runtime.shutdown();
    }
  }

  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    runtime.failures().report(task, failure);
  }

  /**
   * Tasks spawned since the start: the workers' own spawns, and the global queue's pushes that were
   * neither overflow nor wakes (so a spawn from outside costs no counter of its own). Exact at
   * rest.
   */
  long spawnedTasks() {
    long overflowed = 0;
    long total = 0;
    for (WorkerThread worker : workers) {
      overflowed += worker.counters.get(WorkerCounters.OVERFLOWED_TASKS);
      total += worker.counters.get(WorkerCounters.SPAWNED_TASKS);
    }
    long remote = globalQueue.pushed() - overflowed - remoteWakes.sum();
    return total + Math.max(0, remote);
  }

  /** Tasks spawned and not finished: an estimate while tasks spawn and finish. */
  long aliveTasks() {
    long completed = remoteCompleted.sum();
    for (WorkerThread worker : workers) {
      completed += worker.counters.get(WorkerCounters.COMPLETED_TASKS);
    }
    return Math.max(0, spawnedTasks() - completed);
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  @Override
  public boolean consumeBudget() {
    WorkerThread worker = currentWorker();
    if (worker != null) {
      return worker.consumeBudget();
    }
    return true;
  }

  /** Whether a paused clock may jump to the next timer: nothing of the runtime can run. */
  boolean everyTaskWaits() {
    return pausedClock
        && idle.unparked() == 0
        && globalQueue.isEmpty()
        && blockOnPolls.get() == 0
        && blocking.aliveTasks() == 0;
  }

  boolean isPausedClock() {
    return pausedClock;
  }

  @Override
  public void pollStarted() {
    blockOnPolls.incrementAndGet();
  }

  @Override
  public void pollEnded() {
    if (blockOnPolls.decrementAndGet() == 0 && pausedClock && idle.unparked() == 0) {
      driver.unpark(); // every worker parked before this poll ended: let the holder re-evaluate
    }
  }

  boolean isShutdown() {
    return shutdown;
  }

  /** Closes the task set, cancelling every alive task, and wakes every worker so it ends. */
  void shutdown() {
    owned.closeAndCancelAll(); // closes first: no task waits or spawns from now on
    shutdown = true;
    for (WorkerThread worker : workers) {
      worker.parker.unpark();
    }
    blockOnWaiters.forEach(ParkingWaker::wake);
  }

  /** Called by each worker as it ends; the last one closes the driver. */
  void workerEnded() {
    if (liveWorkers.decrementAndGet() == 0) {
      driver.close();
      globalQueue.drainAndAbort();
    }
  }

  // ---- ParkingBlockOn.Host: the callers of Runtime.blockOn

  @Override
  public boolean workersStopped() {
    return isShutdown();
  }

  @Override
  public String runtimeKind() {
    return runtime.kind();
  }

  @Override
  public void addBlockOnWaiter(ParkingWaker waker) {
    blockOnWaiters.add(waker);
  }

  @Override
  public void removeBlockOnWaiter(ParkingWaker waker) {
    blockOnWaiters.remove(waker);
  }
}
