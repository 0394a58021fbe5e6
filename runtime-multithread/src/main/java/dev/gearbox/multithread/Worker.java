package dev.gearbox.multithread;

import dev.gearbox.spi.CurrentRuntime;
import dev.gearbox.spi.RawTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker: a platform thread that takes tasks from the shared run queue and polls them, spins a
 * little when the queue is empty, then parks. It ends at shutdown, or after the poll it is stuck in
 * once the monitor has replaced it.
 */
final class Worker extends Thread {
  /*
   * Implementation notes.
   *
   * Ownership: `budget`, `lifoStreak` and `parks` are written by this thread only; `lifo` by this
   * thread, and emptied by the monitor once it retired this worker (exchange). `pollSeq` is
   * written by this thread with release and read by the monitor with acquire: odd while a poll
   * runs, even between polls, and it grows by 2 per poll (so it also counts polls). `polling` is
   * the task being polled, written plainly before the odd release and read by the monitor after an
   * acquire that saw the odd value. `retiring` is set once by the monitor. `notified` is set by a
   * waker that took this worker off the sleepers' stack, and cleared by this thread once awake.
   *
   * The stuck-worker check is Go's sysmon applied to polls: the monitor notes when it first saw a
   * worker inside poll number k, and a worker still inside the same poll `blockingThreshold` later
   * is replaced. A poll pays two ordered stores and no clock read.
   *
   * LIFO slot (Tokio's, and the `slot` of async-std's own executor): a task woken or spawned by the
   * task being polled goes to `lifo` and runs right after the poll, so message passing stays on one
   * warm core and a spawner's children run depth first; the task it displaces goes to the queue.
   * At most MAX_LIFO_POLLS slot polls run in a row, then the slot's task goes to the queue and the
   * queue's head runs. The slot is taken with an exchange, because the monitor empties the slot of
   * a worker it retires (and of retiring workers at each tick), so a task there never waits for
   * the end of a blocking poll; a yield goes to the back of the queue, never to the slot.
   *
   * A retiring worker leaves at its next look at `retiring`: after its poll, or when woken from a
   * park (the monitor unparks it). On the way out it takes itself off the sleepers' stack and, if
   * the queue holds work, passes on the wake-up it may have been sent.
   */
  static final int BUDGET = 128;
  static final int SPIN_LIMIT = 128;
  static final int MAX_LIFO_POLLS = 3;

  private static final VarHandle POLL_SEQ;
  private static final VarHandle PARKS;
  private static final VarHandle LIFO;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      POLL_SEQ = lookup.findVarHandle(Worker.class, "pollSeq", long.class);
      PARKS = lookup.findVarHandle(Worker.class, "parks", long.class);
      LIFO = lookup.findVarHandle(Worker.class, "lifo", RawTask.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final MultithreadScheduler scheduler;
  final int slot;
  private final RunQueue queue;
  private final Sleepers sleepers;

  @SuppressWarnings("unused") // accessed through POLL_SEQ
  private long pollSeq;

  @SuppressWarnings("unused") // accessed through PARKS
  private long parks;

  @SuppressWarnings("unused") // accessed through LIFO
  private RawTask<?> lifo;

  private RawTask<?> polling;
  private int lifoStreak;
  private int budget;
  private volatile boolean retiring;
  private volatile boolean notified;

  Worker(MultithreadScheduler scheduler, int slot, String name) {
    super(null, null, name, 0, false);
    setDaemon(true);
    this.scheduler = scheduler;
    this.slot = slot;
    this.queue = scheduler.queue;
    this.sleepers = scheduler.sleepers;
  }

  @Override
  public void run() {
    CurrentRuntime.Scope scope =
        CurrentRuntime.enter(scheduler.runtime, CurrentRuntime.Role.WORKER);
    try {
      runLoop();
    } finally {
      scope.close();
      moveLifoToQueue();
      if (retiring && !sleepers.cancel(this) && !queue.isEmpty()) {
        sleepers.notifyOne(); // a wake-up meant for this worker
      }
      scheduler.workerEnded(this);
    }
  }

  private void runLoop() {
    while (!retiring && !scheduler.isShutdown()) {
      RawTask<?> task = null;
      if (lifoStreak < MAX_LIFO_POLLS) {
        task = takeLifo();
      } else {
        moveLifoToQueue(); // fairness: the queue's head runs now
      }
      if (task != null) {
        lifoStreak++;
      } else {
        lifoStreak = 0;
        task = queue.poll();
      }
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

  private RawTask<?> spinForWork() {
    sleepers.startSpinning();
    RawTask<?> task = null;
    for (int spin = 0; spin < SPIN_LIMIT && task == null; spin++) {
      Thread.onSpinWait();
      task = queue.poll();
    }
    if (sleepers.stopSpinning() && task != null && !queue.isEmpty()) {
      sleepers.notifyOne(); // pushes made while this worker spun woke nobody
    }
    return task;
  }

  private void poll(RawTask<?> task) {
    long seq = (long) POLL_SEQ.get(this);
    budget = BUDGET;
    polling = task;
    POLL_SEQ.setRelease(this, seq + 1);
    try {
      task.run();
    } catch (Throwable failure) {
      // RawTask.run catches what the future throws; this is a join waker or a drop that threw.
      getUncaughtExceptionHandler().uncaughtException(this, failure);
    }
    polling = null;
    POLL_SEQ.setRelease(this, seq + 2);
  }

  private void park() {
    sleepers.sleep(this);
    if (!queue.isEmpty() || scheduler.isShutdown() || retiring) {
      if (sleepers.cancel(this)) {
        return;
      }
      // a waker took this worker off the stack first: its notification is on its way
    }
    PARKS.setOpaque(this, (long) PARKS.getOpaque(this) + 1);
    scheduler.workerParked();
    while (!notified && !retiring) {
      LockSupport.park(this);
    }
    notified = false;
  }

  /**
   * Puts a task woken or spawned by the task this worker polls into its LIFO slot, to run right
   * after the current poll; the task it displaces goes to the queue. Worker thread only.
   */
  void scheduleLifo(RawTask<?> task) {
    RawTask<?> displaced = (RawTask<?>) LIFO.getAndSet(this, task);
    if (displaced != null) {
      queue.push(displaced);
      sleepers.notifyOne();
    }
  }

  /** Takes the task in the LIFO slot, or null. The worker, or the monitor once it retired it. */
  RawTask<?> takeLifo() {
    return LIFO.getOpaque(this) == null ? null : (RawTask<?>) LIFO.getAndSet(this, null);
  }

  /** Moves the task in the LIFO slot, if any, to the queue and wakes a worker for it. */
  void moveLifoToQueue() {
    RawTask<?> task = takeLifo();
    if (task != null) {
      queue.push(task);
      sleepers.notifyOne();
    }
  }

  /** Wakes this worker from its park; called by whoever took it off the sleepers' stack. */
  void notifyWorker() {
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

  /** Parks so far. Any thread. */
  long parks() {
    return (long) PARKS.getOpaque(this);
  }
}
