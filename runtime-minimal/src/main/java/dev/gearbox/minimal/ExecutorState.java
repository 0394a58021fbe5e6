package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.TaskScheduler;
import dev.gearbox.spi.UnjoinedFailures;
import dev.gearbox.spi.sched.MpmcGlobalQueue;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What the runners of one {@link SharedExecutor} share: the global queue, the registry of runners
 * (whose local queues are stolen from), the sleepers, the set of alive tasks, and for a runtime's
 * executor the timers and reactor its runners drive. It is the {@link TaskScheduler} of the
 * executor's tasks, so their contexts reach that driver.
 */
final class ExecutorState implements TaskScheduler {
  /*
   * Implementation notes: after async-executor's `State` (smol-rs).
   *
   * schedule(): a task woken on a runner thread of this executor goes to that runner's local queue
   * (only the owner pushes there), any other wake to the global queue. Then a full fence, then
   * Idle.notifyOne(): the fence orders the queue's release store before the read of
   * `notified`, which the store-load race with a runner going to sleep needs (see Idle). A
   * self-wake during a poll (yieldNow) is the same: the local queue is FIFO, so the task goes
   * behind the ones already there.
   *
   * close(): sets `closed`, unparks every runner (runners started for the executor's lifetime
   * leave; callers of run() keep polling their own future), then cancels every alive task through
   * OwnedTasks. `closed` and `runners` are both volatile and written/read in opposite orders by
   * register() and close(), so a runner that registers during close sees `closed`.
   *
   * everyTaskWaits(): no task queued anywhere, no runner busy (running a task, polling its main
   * future, or with a main future woken) and every runner waiting in the sleepers. It reads other
   * threads' state without stopping them, so a task made runnable during the call may be missed;
   * the caller (a paused clock's jump) accepts that, as a wake from outside the runtime just after
   * the check would be missed too.
   *
   * Fields: `runners` copy-on-write under `runnersLock`, read anywhere; `closed` any thread;
   * `drive` final (null for an executor without timers and I/O); the rest are thread-safe objects.
   */

  /** The global queue's ring: FIFO and allocation-free up to this depth, starvation-free beyond. */
  static final int GLOBAL_QUEUE_CAPACITY = 4096;

  final MpmcGlobalQueue<RawTask<?>> global = new MpmcGlobalQueue<>(GLOBAL_QUEUE_CAPACITY);
  final Idle idle = new Idle();
  final LongAdder polls = new LongAdder();
  final LongAdder steals = new LongAdder(); // tasks taken from other runners' local queues
  final LongAdder parks = new LongAdder(); // runners gone to sleep for lack of work
  final LongAdder slowPolls = new LongAdder(); // polls a JFR recording reported slow
  private final OwnedTasks owned = new OwnedTasks();
  private final String label;
  private final Object runnersLock = new Object();
  private volatile Runner[] runners = new Runner[0];
  private volatile boolean closed;
  private final SharedDriver drive;
  private final UnjoinedFailures failures;

  /**
   * Creates the state; {@code label} names the executor in exception messages; {@code drive} makes
   * the driving side of the runtime's driver for it, or is null for an executor whose tasks have no
   * timers and I/O.
   */
  ExecutorState(
      String label, Function<ExecutorState, SharedDriver> drive, UnjoinedFailures failures) {
    this.label = label;
    this.failures = failures;
    this.drive = drive == null ? null : drive.apply(this);
  }

  String label() {
    return label;
  }

  <T> JoinHandle<T> spawn(Future<T> future) {
    RawTask<T> task = new RawTask<>(future, this);
    if (!owned.bind(task)) {
      throw new RuntimeClosedException(label, "spawn");
    }
    schedule(task);
    return task;
  }

  @Override
  public void schedule(RawTask<?> task) {
    if (CurrentExecutor.current() instanceof Runner runner && runner.state() == this) {
      runner.localQueue().pushBackOrOverflow(task);
    } else {
      global.push(task);
    }
    VarHandle.fullFence();
    idle.notifyOne();
  }

  /**
   * Spends one unit of the cooperative budget of the runner polling the current task; true off a
   * runner of this executor. A ThreadLocal read and a decrement.
   */
  @Override
  public boolean consumeBudget() {
    return !(CurrentExecutor.current() instanceof Runner runner && runner.state() == this)
        || runner.consumeBudget();
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
  }

  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    if (failures != null) {
      failures.report(task, failure);
    } else {
      TaskScheduler.super.unjoinedFailure(task, failure);
    }
  }

  @Override
  public RuntimeDriver driver() {
    return drive == null ? null : drive.driver();
  }

  /** The driving side of the runtime's driver, or null for an executor without one. */
  SharedDriver drive() {
    return drive;
  }

  /** Whether no task can run: see the implementation notes. Any thread. */
  boolean everyTaskWaits() {
    if (!global.isEmpty()) {
      return false;
    }
    Runner[] all = runners;
    for (Runner runner : all) {
      if (runner.isBusy()) {
        return false;
      }
    }
    return idle.allWaiting(all.length);
  }

  void register(Runner runner) {
    synchronized (runnersLock) {
      Runner[] grown = Arrays.copyOf(runners, runners.length + 1);
      grown[grown.length - 1] = runner;
      runners = grown;
    }
    if (drive != null) {
      drive.onRunnerRegistered();
    }
  }

  void unregister(Runner runner) {
    int left;
    synchronized (runnersLock) {
      Runner[] current = runners;
      Runner[] shrunk = new Runner[current.length - 1];
      int next = 0;
      for (Runner each : current) {
        if (each != runner) {
          shrunk[next++] = each;
        }
      }
      runners = shrunk;
      left = shrunk.length;
    }
    if (drive != null) {
      drive.onRunnerLeft(left);
    }
  }

  /** The registered runners, a snapshot; do not modify. */
  Runner[] runners() {
    return runners;
  }

  boolean isClosed() {
    return closed;
  }

  /** Refuses new tasks, releases the runners started for the executor's life, cancels all tasks. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Runner runner : runners) {
      runner.unpark();
    }
    owned.closeAndCancelAll();
  }

  long aliveTasks() {
    return owned.alive();
  }

  long spawnedTasks() {
    return owned.spawned();
  }

  /**
   * Hands every live task to {@code census}: this executor binds each task to its owned set at
   * spawn, so the set holds them all. Any thread.
   */
  void censusTo(TaskCensus census) {
    census.addOwned(owned);
  }
}
