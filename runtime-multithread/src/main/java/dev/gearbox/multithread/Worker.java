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
   * Ownership: `budget` and `parks` are written by this thread only. `pollSeq` is written by this
   * thread with release and read by the monitor with acquire: odd while a poll runs, even
   * between polls, and it grows by 2 per poll (so it also counts polls). `polling` is the task
   * being polled, written plainly before the odd release and read by the monitor after an acquire
   * that saw the odd value. `retiring` is set once by the monitor. `notified` is set by a waker
   * that took this worker off the sleepers' stack, and cleared by this thread once awake.
   *
   * The stuck-worker check is Go's sysmon applied to polls: the monitor notes when it first saw a
   * worker inside poll number k, and a worker still inside the same poll `blockingThreshold` later
   * is replaced. A poll pays two ordered stores and no clock read.
   *
   * A retiring worker leaves at its next look at `retiring`: after its poll, or when woken from a
   * park (the monitor unparks it). On the way out it takes itself off the sleepers' stack and, if
   * the queue holds work, passes on the wake-up it may have been sent.
   */
  static final int BUDGET = 128;
  static final int SPIN_LIMIT = 128;

  private static final VarHandle POLL_SEQ;
  private static final VarHandle PARKS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      POLL_SEQ = lookup.findVarHandle(Worker.class, "pollSeq", long.class);
      PARKS = lookup.findVarHandle(Worker.class, "parks", long.class);
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

  private RawTask<?> polling;
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
      if (retiring && !sleepers.cancel(this) && !queue.isEmpty()) {
        sleepers.notifyOne(); // a wake-up meant for this worker
      }
      scheduler.workerEnded(this);
    }
  }

  private void runLoop() {
    while (!retiring && !scheduler.isShutdown()) {
      RawTask<?> task = queue.poll();
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
