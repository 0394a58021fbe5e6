package dev.gearbox.multithread;

import static dev.gearbox.spi.sched.Fairness.GLOBAL_QUEUE_INTERVAL;

import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.spi.DeferredUnparks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeLog;
import dev.gearbox.spi.jfr.SlowPolls;
import dev.gearbox.spi.jfr.WorkerParks;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.spi.sched.HelpingJoin;
import dev.gearbox.spi.sched.LifoSlot;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import dev.gearbox.spi.sched.SpmcLocalQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker: a platform thread that runs the task in its LIFO slot, then its local queue, refilled
 * from the global queue or by stealing from another worker's local queue; it spins a little when it
 * finds nothing, then parks. It ends at shutdown, or after the poll it is stuck in once the monitor
 * has replaced it.
 */
sealed class WorkerThread extends Thread implements CurrentRuntime.Carrier, Idle.Sleeper
    permits PaddedWorkerThread {
  /*
   * Implementation notes.
   *
   * Ownership: `budget`, `lifoStreak`, `untilGlobalQueue`, `stealStart`, `parks`, `spawned` and
   * `completed` are written by this thread only (the counters with opaque stores, read by metrics); `lifo` by this thread, and emptied by the monitor once it retired this
   * worker (exchange). `local` is pushed to by this thread only, and taken from by any thread.
   * `pollSeq` is written by this thread with release and read by the monitor with acquire: odd
   * while a poll runs, even between polls, and it grows by 2 per poll (so it also counts polls).
   * `polling` is the task being polled, written plainly before the odd release and read by the
   * monitor after an acquire that saw the odd value. `retiring` is set once by the monitor.
   * `notified` is set by a waker that took this worker off the sleepers' stack, and cleared by
   * this thread once awake.
   *
   * The stuck-worker check is Go's sysmon applied to polls: the monitor notes when it first saw a
   * worker inside poll number k, and a worker still inside the same poll `blockingThreshold` later
   * is replaced. A poll pays two ordered stores and no clock read.
   *
   * Where work comes from (async-executor's Runner, with Tokio's LIFO slot): the LIFO slot, at
   * most LifoSlot.MAX_POLLS_IN_A_ROW in a row; every GLOBAL_QUEUE_INTERVAL tasks the global queue's head (so
   * outside spawns are not starved by busy local queues); the local queue; then one task from the
   * global queue plus a share of what is left there (its depth divided by the workers) moved into
   * the local queue; then half of another worker's local queue, the victims taken in turn.
   *
   * LIFO slot: a task woken or spawned by the task being polled goes to `lifo` and runs right
   * after the poll, so message passing stays on one warm core and a spawner's children run depth
   * first; the task it displaces goes to the back of the local queue, as does a yield. The slot
   * is taken with an exchange, because the monitor empties the slot of a worker it retires (and of
   * retiring workers at each tick), so a task there never waits for the end of a blocking poll;
   * the monitor drains a retired worker's local queue into the global queue the same way.
   *
   * Wake-ups for local pushes are hints. A push to the global queue is a CAS and forms the Dekker
   * pair described in Idle, so no wake-up is lost. A push to the local queue is an ordered
   * store, so a sleeper's re-check may miss it; but this worker, the only one that pushes there,
   * is awake and runs the task itself after its poll (it re-checks its local queue before it
   * parks), so the task is never stranded: at worst another worker sleeps through a chance to
   * steal it. The monitor repeats the hint at each tick while a local queue holds work and a
   * worker sleeps. A worker replaced while stuck in a poll cannot run its local tasks: the monitor
   * drains them at the replacement and at each tick.
   *
   * Deferred unparks (as workstealing's workers): the unpark of a thread inside blockOn that a
   * task polled here wakes (a completed task it joins) is held back until the next
   * GLOBAL_QUEUE_INTERVAL tick or until the local queues run dry, and issued before parking and
   * on the way out; its waker stays notified meanwhile, so a caller joining many handles in turn
   * is unparked once per batch of completions. A worker stuck in a poll issues nothing, but the
   * parked caller looks at its waker on its own (ParkingWaker.park).
   *
   * A retiring worker leaves at its next look at `retiring`: after its poll, or when woken from a
   * park (the monitor unparks it). On the way out it hands its LIFO slot and local queue to the
   * global queue (at shutdown it aborts them instead), takes itself off the sleepers' stack and,
   * if the queue holds work, passes on the wake-up it may have been sent.
   */
  static final int SPIN_LIMIT = 512;

  /**
   * A full local queue gives its older half, with the task being pushed, to the global queue as one
   * batch (Tokio's rule): the newest tasks stay local, so a fan-out keeps running depth first
   * instead of leaving its newest tasks behind everything in the global queue.
   */
  static final int OLDER_TASKS_TO_SPILL = SpmcLocalQueue.CAPACITY / 2;

  /** Unparks of blockOn callers a worker holds back at most before it issues them all. */
  static final int MAX_DEFERRED_UNPARKS = 4;

  private static final VarHandle POLL_SEQ;
  private static final VarHandle PARKS;
  private static final VarHandle STEALS;
  private static final VarHandle LIFO;
  private static final VarHandle SPAWNED;
  private static final VarHandle COMPLETED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      POLL_SEQ = lookup.findVarHandle(WorkerThread.class, "pollSeq", long.class);
      PARKS = lookup.findVarHandle(WorkerThread.class, "parks", long.class);
      STEALS = lookup.findVarHandle(WorkerThread.class, "steals", long.class);
      LIFO = lookup.findVarHandle(WorkerThread.class, "lifo", RawTask.class);
      SPAWNED = lookup.findVarHandle(WorkerThread.class, "spawned", long.class);
      COMPLETED = lookup.findVarHandle(WorkerThread.class, "completed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final MultithreadScheduler scheduler;
  final int slot;
  private final MpmcGlobalQueue<RawTask<?>> globalQueue;
  private final Idle idle;
  final SpmcLocalQueue<RawTask<?>> local;

  @SuppressWarnings("unused") // accessed through POLL_SEQ
  private long pollSeq;

  @SuppressWarnings("unused") // accessed through PARKS
  private long parks;

  @SuppressWarnings("unused") // accessed through STEALS; owner writes, opaque as `parks`
  private long steals;

  @SuppressWarnings("unused") // accessed through LIFO
  private RawTask<?> lifo;

  @SuppressWarnings("unused") // accessed through SPAWNED
  private long spawned;

  @SuppressWarnings("unused") // accessed through COMPLETED
  private long completed;

  private RawTask<?> polling;
  private int lifoStreak;
  private int untilGlobalQueue = GLOBAL_QUEUE_INTERVAL;
  private int stealStart;
  private int budget;
  private int helpDepth;
  private volatile boolean retiring;
  private volatile boolean notified;
  private final DeferredUnparks deferredUnparks = new DeferredUnparks(MAX_DEFERRED_UNPARKS);

  WorkerThread(MultithreadScheduler scheduler, int slot, String name) {
    super(null, null, name, 0, false);
    setDaemon(true);
    this.scheduler = scheduler;
    this.slot = slot;
    this.globalQueue = scheduler.globalQueue;
    this.idle = scheduler.idle;
    this.local =
        new SpmcLocalQueue<>(RawTask<?>[]::new, OLDER_TASKS_TO_SPILL, scheduler::pushGlobalBatch);
  }

  @Override
  public void run() {
    CurrentRuntime.Scope scope =
        CurrentRuntime.enter(scheduler.runtime, CurrentRuntime.Role.WORKER);
    try {
      runLoop();
    } finally {
      deferredUnparks.unparkAll();
      scope.close();
      if (scheduler.isShutdown()) {
        abortQueued(); // only this thread pushes to them, so nothing comes after
      } else {
        handOff();
      }
      if (retiring && !idle.cancel(this) && !globalQueue.isEmpty()) {
        idle.notifyOne(); // a wake-up meant for this worker
      }
      scheduler.workerEnded(this);
    }
  }

  private void runLoop() {
    while (!retiring && !scheduler.isShutdown()) {
      RawTask<?> task = nextTask();
      if (task == null) {
        task = spinForWork();
      }
      if (task != null) {
        poll(task);
      } else {
        park();
      }
    }
  }

  /** The LIFO slot, the global queue's head now and then, the local queue, then a search. */
  private RawTask<?> nextTask() {
    RawTask<?> task = takeLifo();
    if (task != null) {
      if (lifoStreak < LifoSlot.MAX_POLLS_IN_A_ROW) {
        lifoStreak++;
        return task;
      }
      local.pushBackOrOverflow(task); // fairness: the slot's task waits its turn
    }
    lifoStreak = 0;
    if (--untilGlobalQueue == 0) {
      untilGlobalQueue = GLOBAL_QUEUE_INTERVAL; // fairness: outside work is never starved
      deferredUnparks.unparkAll();
      task = globalQueue.pop();
      if (task != null) {
        return task;
      }
    }
    task = local.pop();
    if (task != null) {
      return task;
    }
    deferredUnparks.unparkAll(); // out of local work: no more completions are coming soon
    return findTask();
  }

  /**
   * A batch from the global queue (one task returned, a share of the rest queued locally), or a
   * steal from another worker's local queue.
   */
  private RawTask<?> findTask() {
    if (!globalQueue.isEmpty()) {
      RawTask<?> task =
          globalQueue.popBatch(globalQueue.depth() / scheduler.workerCount() + 1, local);
      if (task != null) {
        return task;
      }
    }
    return steal();
  }

  private RawTask<?> steal() {
    int workers = scheduler.workerCount();
    if (workers == 1) {
      return null;
    }
    int start = stealStart = stealStart + 1 < workers ? stealStart + 1 : 0;
    for (int i = 0; i < workers; i++) {
      int slot = start + i < workers ? start + i : start + i - workers;
      WorkerThread victim = scheduler.worker(slot);
      if (victim != this) {
        int queuedBefore = local.len();
        RawTask<?> task = victim.local.stealInto(local);
        if (task != null) {
          // the task returned plus those queued here; thieves taking from `local` meanwhile make
          // this an estimate, never below the one task
          long stolen = Math.max(1, local.len() - queuedBefore + 1);
          STEALS.setOpaque(this, (long) STEALS.getOpaque(this) + stolen);
          return task;
        }
      }
    }
    return null;
  }

  private RawTask<?> spinForWork() {
    idle.startSearching();
    RawTask<?> task = null;
    for (int spin = 0; spin < SPIN_LIMIT && task == null; spin++) {
      Thread.onSpinWait();
      task = findTask();
    }
    if (idle.stopSearching() && task != null && (!globalQueue.isEmpty() || !local.isEmpty())) {
      idle.notifyOne(); // pushes made while this worker spun woke nobody
    }
    return task;
  }

  private void poll(RawTask<?> task) {
    long seq = (long) POLL_SEQ.get(this);
    budget = CoopBudget.PER_POLL;
    polling = task;
    POLL_SEQ.setRelease(this, seq + 1);
    long start = SlowPolls.pollStarted(); // JFR
    try {
      task.run();
    } catch (Throwable failure) {
      // RawTask.run catches what the future throws; this is a join waker or a drop that threw.
      RuntimeLog.uncaught(RuntimeLog.MULTITHREAD, failure);
    }
    if (SlowPolls.pollEnded(start, MultithreadRuntimeProvider.KIND, task, futureClass(task))) {
      scheduler.slowPolls.increment();
    }
    polling = null;
    POLL_SEQ.setRelease(this, seq + 2);
    // A task's interrupt of this worker ends with its poll: the next task must not see it, and
    // park() would return at once. One read of the status when it is not set.
    Thread.interrupted();
  }

  private static Class<?> futureClass(RawTask<?> task) {
    return task instanceof MultithreadTask<?> own ? own.futureClass : null;
  }

  private void park() {
    deferredUnparks.unparkAll();
    idle.sleep(this);
    if (!globalQueue.isEmpty() || scheduler.anyLocalWork() || scheduler.isShutdown() || retiring) {
      if (idle.cancel(this)) {
        return;
      }
      // a waker took this worker off the stack first: its notification is on its way
    }
    PARKS.setOpaque(this, (long) PARKS.getOpaque(this) + 1);
    scheduler.workerParked();
    Object parkEvent = WorkerParks.begin(); // JFR
    while (!notified && !retiring) {
      LockSupport.park(this);
      Thread.interrupted(); // an interrupt from outside must not turn this wait into a spin
    }
    WorkerParks.end(parkEvent, MultithreadRuntimeProvider.KIND);
    notified = false;
  }

  /**
   * Puts a task woken or spawned by the task this worker polls into its LIFO slot, to run right
   * after the current poll; the task it displaces goes to the local queue. Worker thread only.
   */
  void scheduleLifo(RawTask<?> task) {
    RawTask<?> displaced = (RawTask<?>) LIFO.getAndSet(this, task);
    if (displaced != null) {
      scheduleLocal(displaced);
    }
  }

  /**
   * Queues a task at the back of the local queue (a yield); a hint wakes an idle worker to steal
   * it. Worker thread only.
   */
  void scheduleLocal(RawTask<?> task) {
    local.pushBackOrOverflow(task);
    idle.notifyOne();
  }

  /** Takes the task in the LIFO slot, or null. The worker, or the monitor once it retired it. */
  RawTask<?> takeLifo() {
    return LIFO.getOpaque(this) == null ? null : (RawTask<?>) LIFO.getAndSet(this, null);
  }

  /**
   * Moves the task in the LIFO slot and every task of the local queue to the global queue, waking a
   * worker for each. The monitor, for a worker it replaced; the worker itself as it ends.
   */
  void handOff() {
    RawTask<?> task = takeLifo();
    if (task != null) {
      scheduler.pushGlobal(task);
    }
    local.drainTo(scheduler::pushGlobal);
  }

  private void abortQueued() {
    RawTask<?> task = takeLifo();
    if (task != null) {
      task.abort();
    }
    local.drainTo(RawTask::abort); // a no-op for a stale entry, whose task is complete
  }

  /** Whether this worker's LIFO slot or local queue holds a task. Any thread. */
  boolean holdsWork() {
    return LIFO.getOpaque(this) != null || !local.isEmpty();
  }

  /** This worker's runtime, for {@code Runtime.current()} without a ThreadLocal lookup. */
  @Override
  public dev.gearbox.runtime.Runtime carriedRuntime() {
    return scheduler.runtime;
  }

  /**
   * Takes the unpark of a thread inside {@code blockOn} that a task polled here woke, to issue at
   * the next global-queue tick or when the local queues run dry; declined off this thread, and once
   * retiring or shut down.
   */
  @Override
  public boolean deferUnpark(Thread thread) {
    if (Thread.currentThread() != this || retiring || scheduler.isShutdown()) {
      return false;
    }
    deferredUnparks.add(thread);
    return true;
  }

  /** Wakes this worker from its park; called by whoever took it off the sleepers' stack. */
  @Override
  public void notifyWorker() {
    notified = true;
    LockSupport.unpark(this);
  }

  /** Marks this worker as replaced and wakes it if it parks; called once, by the monitor. */
  void retire() {
    retiring = true;
    LockSupport.unpark(this);
  }

  boolean isRetiring() {
    return retiring;
  }

  /**
   * A helping join: polls {@code task}, joined by the task inside its poll on this thread, in
   * place, within HelpingJoin's bounds (nesting depth, one unit of the running poll's budget);
   * declined once this worker retires or the runtime shuts down. Each poll in place advances the
   * poll sequence by two (it stays odd: still inside a poll), so the monitor sees progress rather
   * than one long poll, and judges a block inside the task polled in place as that task's. This
   * thread only.
   *
   * @return true if the task was polled
   */
  boolean helpJoin(RawTask<?> task) {
    if (helpDepth >= HelpingJoin.MAX_DEPTH || budget <= 0 || retiring || scheduler.isShutdown()) {
      return false;
    }
    budget--;
    helpDepth++;
    RawTask<?> outer = polling;
    boolean outerInterrupted = Thread.interrupted();
    boolean polled;
    try {
      polling = task;
      POLL_SEQ.setRelease(this, (long) POLL_SEQ.get(this) + 2);
      polled = task.runInPlace();
    } catch (Throwable failure) {
      // as in poll: a join waker or a drop that threw on the way out
      RuntimeLog.uncaught(RuntimeLog.MULTITHREAD, failure);
      polled = true;
    } finally {
      polling = outer;
      helpDepth--;
    }
    Thread.interrupted(); // the inner task's interrupt ends with its poll
    if (outerInterrupted) {
      interrupt(); // the outer task's stays with it
    }
    return polled;
  }

  boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    return false;
  }

  /** The poll sequence: odd inside a poll. Any thread. */
  long pollSeq() {
    return (long) POLL_SEQ.getAcquire(this);
  }

  /** The task inside its poll, read after {@link #pollSeq()} returned an odd value; or null. */
  RawTask<?> polling() {
    return polling;
  }

  /** Polls run so far. Any thread. */
  long polls() {
    return pollSeq() >>> 1;
  }

  /** Counts a task spawned on this thread. Worker thread only. */
  void countSpawned() {
    SPAWNED.setOpaque(this, (long) SPAWNED.getOpaque(this) + 1);
  }

  /** Counts a task finished on this thread. Worker thread only. */
  void countCompleted() {
    COMPLETED.setOpaque(this, (long) COMPLETED.getOpaque(this) + 1);
  }

  /** Tasks spawned on this thread so far. Any thread. */
  long spawned() {
    return (long) SPAWNED.getOpaque(this);
  }

  /** Tasks finished on this thread so far. Any thread. */
  long completed() {
    return (long) COMPLETED.getOpaque(this);
  }

  /** Parks so far. Any thread. */
  long parks() {
    return (long) PARKS.getOpaque(this);
  }

  /** Tasks stolen from other workers so far. Any thread. */
  long steals() {
    return (long) STEALS.getOpaque(this);
  }

  /** The task in the LIFO slot, read without synchronisation by a task dump (TaskWalk). */
  RawTask<?> lifoForDump() {
    return lifo;
  }
}
