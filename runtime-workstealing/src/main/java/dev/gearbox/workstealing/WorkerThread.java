package dev.gearbox.workstealing;

import static dev.gearbox.spi.sched.Fairness.EVENT_INTERVAL;

import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.spi.DeferredUnparks;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.jfr.WorkerParks;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.spi.sched.HelpingJoin;
import dev.gearbox.spi.sched.LifoSlot;
import dev.gearbox.spi.sched.Parker;
import java.util.function.Consumer;

/**
 * One worker of the runtime: a platform thread that runs its LIFO slot and local queue, takes from
 * the global queue, steals from other workers, drives timers and I/O, and parks when there is
 * nothing to do.
 */
sealed class WorkerThread extends Thread implements CurrentRuntime.Carrier
    permits PaddedWorkerThread {
  /*
   * Implementation notes: after Tokio's scheduler/multi_thread/worker.rs, with the Core (the
   * worker's owned state) folded into the thread, since a core never moves between threads here.
   *
   * Ownership: every non-final field is read and written by this thread only. `runQueue`,
   * `parker` and `counters` are shared: others steal from the queue, unpark the parker, read the
   * counters.
   *
   * The loop: every EVENT_INTERVAL ticks, maintenance (poll I/O without blocking, or fire due
   * timers at most once per TIMER_CHECK_NANOS; notice shutdown); every globalQueueInterval ticks
   * the global queue is looked at first, so it is never starved by local work; otherwise the LIFO
   * slot, the local queue, then a batch from the global queue; then stealing (as a searcher, if
   * fewer than half the workers search) from a random victim on; then, still searching, a short
   * spin (WorkFinder.SPIN_LIMIT pauses) over the queues, so that work arriving soon after costs its
   * producer no unpark; then parking.
   *
   * LIFO slot: a task woken or spawned by the running task goes to the slot, and the task it
   * displaces to the back of the local queue; the slot runs right after the current poll (message
   * passing stays on one warm core). At most LifoSlot.MAX_POLLS_IN_A_ROW slot polls follow one another, then
   * the slot is off until the chain ends, so two tasks waking each other cannot starve the queue.
   * A task in the slot cannot be stolen (as in Tokio): the slot is a plain field of this thread,
   * which keeps the hand-off free of atomics; the price is that a task in the slot waits while this
   * worker is inside one long poll. A wake into an empty slot notifies nobody, a wake that pushes
   * into the queue notifies a parked worker (if none searches), since there is something to steal.
   * Where work is found beyond the worker's own queues is WorkFinder's part; how one task is
   * polled (budget, slow-poll timing, shutdown) is TaskPoller's.
   *
   * Deferred unparks: a thread inside blockOn parks on a ParkingWaker, and a task completed here
   * whose join it awaits wakes it. The worker takes that unpark (deferUnpark) and issues it at the
   * next maintenance tick or when its own queues run dry, whichever is first (and before parking
   * or ending); meanwhile the waker stays notified, so the caller, joining many handles in turn,
   * is unparked once per batch of completions instead of once per completion (each unpark is a
   * system call here and a context switch that takes a CPU from the workers; see
   * docs/decisions/0004). The caller's wake waits at most EVENT_INTERVAL ticks;
   * if this worker is inside one long poll meanwhile, the caller sees its waker's flag on its own
   * next look (ParkingWaker.park looks after 1 ms, then ever more rarely).
   *
   * Deferred yields (Tokio's Defer list, runtime/scheduler/defer.rs): a task that yields
   * (Context.deferWake, through WorkStealingScheduler.deferYield) is appended to this worker's
   * deferred list, an intrusive FIFO through ScheduledTask.deferredNext (no allocation), still
   * RUNNING: the list holds its one claimed entry, so, as for any queue entry, it is run or
   * abortQueued, never dropped. The list is queued to the back of the local queue (one notification
   * for the batch, none for a lone task) when the worker runs out of ready work (LIFO slot, local
   * queue and a batch of the global queue all empty): at once if it holds several tasks (a round of
   * the worker's own work; a steal then would move half the peer's round between cores every
   * round), and for a lone task only once a steal found nothing (as Tokio's loop, which steals
   * before it wakes its deferred tasks, so a task yielding forever does not keep its worker from
   * helping a loaded peer); after a look at timers and I/O if TIMER_CHECK_NANOS passed since the
   * last, instead of spinning or parking; and at every maintenance tick, after the driver's poll,
   * so a yielder waits at most EVENT_INTERVAL ticks when others always have work. So the worker
   * never parks with a deferred task, and a deferred task is not stealable until queued. At the end
   * (shutdown) the list is cancelled first, then the slot and the queue. An abort meanwhile only
   * marks the task (it is RUNNING), and its entry completes it when queued and taken.
   *
   * Metrics: the counts taken at every poll or wake (polls, LIFO polls, local schedules) gather in
   * plain fields here and are added to the shared WorkerCounters at each maintenance tick, before
   * parking and at the end (Tokio's MetricsBatch), so a poll pays no store outside this object.
   *
   * Layout: every field this thread writes at each poll or wake (the LIFO slot, the tick
   * counters, the poll's budget, the pending counts, the task inside its poll) is a field of this
   * object, whose Thread fields lie in front and PaddedWorkerThread's padding behind, so they never
   * share a cache line with another object.
   * The objects allocated beside a worker (its poller, finder, queue) are placed by the collector
   * and change between runs, so a field written at every poll must not live in one of them: it
   * could share a line with the next worker's header, which every check of the current thread
   * reads (docs/decisions/0006).
   */
  /** Unparks of blockOn callers a worker holds back at most before it issues them all. */
  static final int MAX_DEFERRED_UNPARKS = 4;

  /** The most tasks a task dump takes from one worker's deferred-yield list. */
  private static final int DEFERRED_DUMP_LIMIT = 1 << 16;

  /** Real time between two looks at the timer wheel by a busy worker: the wheel's resolution. */
  static final long TIMER_CHECK_NANOS = 1_000_000;

  final WorkStealingScheduler scheduler;
  final int index;
  final LocalRunQueue runQueue = new LocalRunQueue();
  final Parker parker = new Parker(this);
  final WorkerCounters counters = new WorkerCounters();

  private final GlobalQueue globalQueue;
  private final WorkFinder finder;
  private final TaskPoller poller;
  private final RuntimeDriver driver;
  private final int globalQueueInterval;
  private final boolean lifoConfigured;
  private ScheduledTask<?> lifoSlot;
  private boolean lifoEnabled;
  private int untilMaintenance = EVENT_INTERVAL;
  private int untilGlobalQueue;
  private long lastTimerCheck = System.nanoTime() - TIMER_CHECK_NANOS;
  private int budget;
  private int helpDepth;

  /**
   * The task inside its poll, for task dumps (TaskWalk): written by TaskPoller on this thread at
   * every poll, read without synchronisation by any.
   */
  ScheduledTask<?> polling;

  private long pendingPolls;
  private long pendingLifoPolls;
  private long pendingLocalSchedules;
  private final DeferredUnparks deferredUnparks = new DeferredUnparks(MAX_DEFERRED_UNPARKS);
  private ScheduledTask<?> deferredHead;
  private ScheduledTask<?> deferredTail;
  private boolean searching;
  private boolean parking;
  private boolean shutdown;

  WorkerThread(WorkStealingScheduler scheduler, int index, String name) {
    super(null, null, name, 0, false);
    setDaemon(true);
    this.scheduler = scheduler;
    this.index = index;
    this.globalQueue = scheduler.globalQueue;
    this.driver = scheduler.driver;
    this.globalQueueInterval = scheduler.settings.globalQueueInterval();
    this.lifoConfigured = scheduler.settings.lifoSlot();
    this.lifoEnabled = lifoConfigured;
    this.untilGlobalQueue = globalQueueInterval;
    this.finder = new WorkFinder(this, scheduler);
    this.poller = new TaskPoller(this, scheduler);
  }

  @Override
  public Runtime carriedRuntime() {
    return scheduler.runtime;
  }

  @Override
  public void run() {
    Hooks hooks = scheduler.settings.hooks();
    CurrentRuntime.Scope scope =
        CurrentRuntime.enter(scheduler.runtime, CurrentRuntime.Role.WORKER);
    try {
      Hooks.run(hooks.onStart());
      runLoop(hooks);
    } finally {
      publishCounts();
      deferredUnparks.unparkAll();
      clearQueues();
      Hooks.run(hooks.onStop());
      scope.close();
      scheduler.workerEnded();
    }
  }

  private void runLoop(Hooks hooks) {
    while (!shutdown) {
      if (--untilMaintenance == 0) {
        untilMaintenance = EVENT_INTERVAL;
        maintenance();
      }
      ScheduledTask<?> task = nextTask();
      if (task == null && deferredHead != deferredTail) {
        task = runDeferred(); // several yields deferred: a round of its own work, no steal first
      }
      if (task == null) {
        deferredUnparks.unparkAll(); // out of local work: no more completions are coming soon
        task = stealWork();
      }
      if (task == null && deferredHead != null) {
        task = runDeferred(); // a lone yielder must not keep this worker from a loaded peer
      }
      if (task == null && searching) {
        task = finder.spin();
      }
      if (task != null) {
        runTask(task);
      } else {
        park(hooks);
      }
    }
  }

  // ---- finding work

  private ScheduledTask<?> nextTask() {
    if (--untilGlobalQueue == 0) {
      untilGlobalQueue = globalQueueInterval;
      ScheduledTask<?> task = globalQueue.popBatch(1, runQueue);
      return task != null ? task : nextLocalTask();
    }
    ScheduledTask<?> task = nextLocalTask();
    return task != null ? task : finder.takeFromGlobalQueue();
  }

  private ScheduledTask<?> nextLocalTask() {
    ScheduledTask<?> task = lifoSlot;
    if (task != null) {
      lifoSlot = null;
      return task;
    }
    return runQueue.pop();
  }

  private ScheduledTask<?> stealWork() {
    if (!searching) {
      searching = scheduler.idle.transitionWorkerToSearching();
      if (!searching) {
        return null;
      }
    }
    return finder.steal();
  }

  private boolean hasTasks() {
    return lifoSlot != null || !runQueue.isEmpty();
  }

  // ---- running

  private void runTask(ScheduledTask<?> task) {
    if (searching) {
      searching = false;
      if (scheduler.idle.transitionWorkerFromSearching()) {
        scheduler.notifyParked(); // the last searcher to find work wakes one more
      }
    }
    poller.poll(task);
    int lifoPolls = 0;
    while (true) {
      ScheduledTask<?> next = lifoSlot;
      if (next == null) {
        lifoEnabled = lifoConfigured;
        return;
      }
      lifoSlot = null;
      if (++lifoPolls >= LifoSlot.MAX_POLLS_IN_A_ROW) {
        lifoEnabled = false;
      }
      pendingLifoPolls++;
      poller.poll(next);
    }
  }

  /** Counts a poll; published with the other per-poll counts by {@link #publishCounts()}. */
  void countPoll() {
    pendingPolls++;
  }

  /**
   * Adds the per-poll counts gathered in this worker's own fields to its shared counters: at every
   * maintenance tick, before parking and when the worker ends, so a reader's figures lag a busy
   * worker by at most EVENT_INTERVAL polls and an idle one not at all.
   */
  private void publishCounts() {
    if (pendingPolls != 0) {
      counters.add(WorkerCounters.POLLS, pendingPolls);
      pendingPolls = 0;
    }
    if (pendingLifoPolls != 0) {
      counters.add(WorkerCounters.LIFO_POLLS, pendingLifoPolls);
      pendingLifoPolls = 0;
    }
    if (pendingLocalSchedules != 0) {
      counters.add(WorkerCounters.LOCAL_SCHEDULES, pendingLocalSchedules);
      pendingLocalSchedules = 0;
    }
  }

  /**
   * Takes the unpark of a thread inside {@code blockOn}, woken by a task this worker ran (a
   * completed task its join waited on), to issue at the next maintenance tick or when this worker's
   * own queues run dry, whichever comes first: in between, further wakes of that thread find it
   * notified and cost nothing. Declined off this thread, while parking (the driver fires timers and
   * I/O then, and the worker may stay parked) and once shutting down.
   */
  @Override
  public boolean deferUnpark(Thread thread) {
    if (Thread.currentThread() != this || parking || shutdown) {
      return false;
    }
    deferredUnparks.add(thread);
    return true;
  }

  /**
   * A helping join: polls {@code task}, joined by the task inside its poll on this thread, in
   * place, if the nesting depth and the running poll's budget allow (one unit, whose lack is not
   * counted as a forced yield: the join just waits as usual). This thread only.
   *
   * @return true if the task was polled
   */
  boolean helpJoin(ScheduledTask<?> task) {
    if (helpDepth >= HelpingJoin.MAX_DEPTH || budget <= 0) {
      return false;
    }
    budget--;
    helpDepth++;
    try {
      return poller.pollInPlace(task);
    } finally {
      helpDepth--;
    }
  }

  /** Gives the poll about to start its cooperative budget. */
  void resetBudget() {
    budget = CoopBudget.PER_POLL;
  }

  /**
   * Spends one unit of the running poll's budget; false once it is spent. The first refusal in a
   * poll is counted as a budget-forced yield, later ones in the same poll are not.
   */
  boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    if (budget == 0) {
      budget = -1;
      counters.increment(WorkerCounters.BUDGET_FORCED_YIELDS);
    }
    return false;
  }

  /**
   * Queues a task woken (or spawned, or yielding) on this worker's thread. A yield wakes no peer:
   * it re-queues a task that was running here, so the runnable work is no more than it was, and a
   * queue that grows without a wake is shared at the next maintenance tick (shouldNotifyOthers).
   */
  void scheduleLocal(ScheduledTask<?> task, boolean isYield) {
    pendingLocalSchedules++;
    boolean shouldNotify;
    if (isYield || !lifoEnabled) {
      pushBack(task);
      shouldNotify = !isYield;
    } else {
      ScheduledTask<?> displaced = lifoSlot;
      lifoSlot = task;
      shouldNotify = displaced != null;
      if (shouldNotify) {
        pushBack(displaced);
      }
    }
    if (shouldNotify && !parking) {
      scheduler.notifyParked();
    }
  }

  private void pushBack(ScheduledTask<?> task) {
    int moved = runQueue.pushBackOrOverflow(task, globalQueue);
    if (moved > 0) {
      counters.add(WorkerCounters.OVERFLOWED_TASKS, moved);
    }
  }

  // ---- deferred yields (see the notes)

  /** Appends a task that yielded in its poll on this thread (its claimed entry) to the list. */
  void deferYield(ScheduledTask<?> task) {
    pendingLocalSchedules++;
    if (deferredTail == null) {
      deferredHead = task;
    } else {
      deferredTail.deferredNext = task;
    }
    deferredTail = task;
  }

  /**
   * Out of ready work, nothing to steal, yields deferred: stops searching (no work was found to
   * share, so only a last searcher checks the queues for a peer to wake), looks at timers and I/O,
   * then queues the yielded tasks and takes the first.
   */
  private ScheduledTask<?> runDeferred() {
    if (searching) {
      searching = false;
      if (scheduler.idle.transitionWorkerFromSearching()) {
        scheduler.notifyIfWorkPending(); // what was pushed while this worker searched
      }
    }
    long now = System.nanoTime();
    if (now - lastTimerCheck >= TIMER_CHECK_NANOS) {
      lastTimerCheck = now;
      pollDriverNow();
    }
    queueDeferred();
    return nextTask();
  }

  /** Moves the deferred list, in order, to the back of the local queue. */
  private void queueDeferred() {
    ScheduledTask<?> task = deferredHead;
    if (task == null) {
      return;
    }
    deferredHead = null;
    deferredTail = null;
    int moved = 0;
    while (task != null) {
      ScheduledTask<?> next = task.deferredNext;
      task.deferredNext = null;
      pushBack(task);
      moved++;
      task = next;
    }
    if (moved > 1 && !parking) {
      scheduler.notifyParked(); // something to steal; a lone yielder is not worth a peer's wake
    }
  }

  /** Cancels the deferred list, as the worker ends at shutdown. */
  private void abortDeferred() {
    ScheduledTask<?> task = deferredHead;
    deferredHead = null;
    deferredTail = null;
    while (task != null) {
      ScheduledTask<?> next = task.deferredNext;
      task.deferredNext = null;
      task.abortQueued(); // the entry holds the claim: completes the task as cancelled
      task = next;
    }
  }

  /** The deferred list, walked without synchronisation by a task dump (TaskWalk); bounded. */
  void deferredForDump(Consumer<ScheduledTask<?>> visitor) {
    int limit = DEFERRED_DUMP_LIMIT; // a racy walk could meet a link rewritten since
    for (ScheduledTask<?> task = deferredHead; task != null && limit-- > 0; ) {
      visitor.accept(task);
      task = task.deferredNext;
    }
  }

  // ---- maintenance and parking

  private void maintenance() {
    publishCounts();
    deferredUnparks.unparkAll();
    if (driver.ioRegistrations() > 0) {
      driver.tryPark(0, false);
    } else {
      fireDueTimers();
    }
    queueDeferred(); // after the driver's poll: what it woke runs first
    if (shouldNotifyOthers()) {
      scheduler.notifyParked();
    }
    shutdown = scheduler.isShutdown();
  }

  /**
   * Fires due timers, at most once per TIMER_CHECK_NANOS of real time: the wheel's lock is shared
   * by every worker, and busy workers whose maintenance ticks fall together would otherwise queue
   * on it (a blocked lock parks the thread) many times a millisecond, for timers of 1 ms
   * resolution.
   */
  private void fireDueTimers() {
    long now = System.nanoTime();
    if (now - lastTimerCheck >= TIMER_CHECK_NANOS) {
      lastTimerCheck = now;
      driver.fireDueTimers();
    }
  }

  /** Fires due timers and, if any channel is registered, polls I/O; without blocking. */
  private void pollDriverNow() {
    if (driver.ioRegistrations() > 0) {
      driver.tryPark(0, false);
    } else {
      driver.fireDueTimers();
    }
  }

  private boolean shouldNotifyOthers() {
    return !searching && (lifoSlot != null ? 1 : 0) + runQueue.len() > 1;
  }

  private void park(Hooks hooks) {
    publishCounts();
    boolean parkHooks = hooks.hasParkHooks();
    if (parkHooks) {
      Hooks.run(hooks.onPark());
    }
    if (transitionToParked()) {
      counters.increment(WorkerCounters.PARKS);
      parking = true;
      deferredUnparks.unparkAll(); // none is taken from here until the worker is back from parking
      Object parkEvent = WorkerParks.begin(); // JFR
      while (!shutdown) {
        parker.park(driver, scheduler.everyTaskWaits());
        shutdown = scheduler.isShutdown();
        if (transitionFromParked()) {
          break;
        }
      }
      WorkerParks.end(parkEvent, WorkStealingRuntimeProvider.KIND);
      parking = false;
      if (shouldNotifyOthers()) {
        scheduler.notifyParked();
      }
    }
    if (parkHooks) {
      Hooks.run(hooks.onUnpark());
    }
  }

  private boolean transitionToParked() {
    if (hasTasks()) {
      return false;
    }
    boolean lastSearcher = scheduler.idle.transitionWorkerToParked(index, searching);
    searching = false;
    if (lastSearcher) {
      scheduler.notifyIfWorkPending();
    }
    if (scheduler.isPausedClock() && scheduler.idle.unparked() == 0) {
      driver.unpark(); // the driver's holder re-evaluates: every worker is idle now
    }
    return true;
  }

  private boolean transitionFromParked() {
    if (hasTasks()) {
      // Woken by a timer or I/O event that queued work here, not by a notification.
      searching = !scheduler.idle.unparkWorkerById(index);
      return true;
    }
    if (scheduler.idle.isParked(index)) {
      return false;
    }
    searching = true; // a notifier counted this worker as searching
    return true;
  }

  /** Cancels what this worker's queues hold, as it ends at shutdown. */
  private void clearQueues() {
    abortDeferred();
    if (lifoSlot != null) {
      lifoSlot.abortQueued();
      lifoSlot = null;
    }
    for (ScheduledTask<?> task = runQueue.pop(); task != null; task = runQueue.pop()) {
      task.abortQueued(); // a no-op for a stale entry, whose task is complete
    }
  }

  /** The task in the LIFO slot, read without synchronisation by a task dump (TaskWalk). */
  ScheduledTask<?> lifoSlotForDump() {
    return lifoSlot;
  }

  /** The task inside a poll on this worker, or null; read by a task dump (TaskWalk). */
  ScheduledTask<?> pollingForDump() {
    return polling;
  }
}
