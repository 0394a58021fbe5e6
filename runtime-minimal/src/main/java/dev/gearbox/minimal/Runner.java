package dev.gearbox.minimal;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.jfr.SlowPolls;
import dev.gearbox.spi.jfr.WorkerParks;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.spi.sched.Fairness;
import dev.gearbox.spi.sched.Parker;
import dev.gearbox.spi.sched.SpmcLocalQueue;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One thread's turn at running an {@link SharedExecutor}: it runs tasks until its own future
 * completes (or, for the threads a runtime starts, until the executor closes), and parks when there
 * is no work. A runner exists for the length of one {@code run} call.
 */
final class Runner {
  /*
   * Implementation notes: after async-executor's `Runner` and `Ticker` (smol-rs).
   *
   * Loop: poll the main future when its waker fired; else find a task: every
   * GLOBAL_QUEUE_AND_EVENT_INTERVAL ticks (Tokio's 61; async-executor uses 64) one from the global queue
   * first (so a busy local queue cannot starve it), then the local
   * queue, then a batch from the global queue into the local one, then half of another runner's
   * local queue, starting at a random runner. A runner that finds a task leaves the sleepers and
   * notifies one more (there may be more work: the chain spreads a burst over the sleepers). One
   * that finds none registers with the sleepers, searches once more, and parks until notified; a
   * wake of the main future or close() also unparks it, after which it checks the main future,
   * searches, and parks again if still waiting. No spinning.
   *
   * Timers and I/O: instead of parking, an idle runner waits in the runtime's driver when no other
   * thread does (SharedDriver.park), and at the same ticks a busy runner fires due
   * timers and polls the selector without blocking, so timers and I/O are seen under load (Tokio's
   * event interval). The main future is polled with a MainContext that reaches the same driver.
   *
   * Interrupts: a task that leaves this thread's interrupt status set would hand it to the next
   * task and make every park return at once (a spinning runner). After each task the status is
   * moved into the Parker, which hands it back when the runner leaves (a caller of blockOn keeps
   * an interrupt that arrived meanwhile, as it keeps one that arrived while parked).
   *
   * Close: a runner started for the executor's life leaves when the executor closes; a caller of a
   * runtime's blockOn (endsAtClose) throws RuntimeClosedException without polling its future again,
   * as a task is cancelled at shutdown. ExecutorState.close unparks every registered runner after
   * setting `closed`, so none parks through it.
   *
   * On leaving, the runner leaves the sleepers (passing on a notification it had not used),
   * unregisters (which notifies a sleeper, to hand the driver over), moves its local tasks to the
   * global queue and notifies a sleeper, so no task is stranded in a queue nobody runs.
   *
   * Metrics (as workstealing's workers, docs/decisions/0002): the counts taken at every poll
   * (polls, slow polls) and steal gather in plain owner-only `unpublished*` fields and reach the
   * executor's shared LongAdders in publishCounts(): at each GLOBAL_QUEUE_AND_EVENT_INTERVAL tick, before
   * parking and on leaving. So no poll writes shared memory for metrics, a busy runner's counts lag
   * by at most one interval, and a quiet runner's counts are published before it sleeps. A park
   * is added at once: one LongAdder add beside the park's own system call.
   *
   * Fields: `waitingInIdle` guarded by the Idle monitor; `mainWaker` and `pollingMain`
   * written by the owner, read by any thread (ExecutorState.everyTaskWaits); everything else is
   * used by the owner thread only, except `local` (thieves poll it) and `parker` (any thread
   * unparks). `budget` is the cooperative budget of the poll in progress: reset before each poll
   * of a task or the main future, spent by its futures through ExecutorState.consumeBudget or
   * MainContext.
   */
  /**
   * Tasks between two looks at the global queue before the local one (Tokio's global queue
   * interval), which are also the polls of the driver without blocking (Tokio's event interval) and
   * the points where the runner publishes its counts: a runner has no other maintenance to space
   * out, so one counter serves all three. The two shared defaults are equal.
   */
  private static final int GLOBAL_QUEUE_AND_EVENT_INTERVAL = Fairness.GLOBAL_QUEUE_INTERVAL;

  /**
   * A full local queue gives up only the task being pushed, to the global queue (async-executor's
   * rule): the tasks already queued stay where they are.
   */
  private static final int OLDER_TASKS_TO_SPILL = 0;

  private final ExecutorState state;
  private final SpmcLocalQueue<RawTask<?>> local;
  private final Parker parker = new Parker(Thread.currentThread());
  private long ticks;
  private int budget;
  private boolean sleeping;
  private long unpublishedPolls;
  private long unpublishedSlowPolls;
  private long unpublishedSteals;
  private volatile MainFutureWaker mainWaker;
  private volatile boolean pollingMain;

  /** Whether the runner is among the idle set's waiting (not notified) runners. */
  boolean waitingInIdle;

  /** Creates a runner for the calling thread. */
  Runner(ExecutorState state) {
    this.state = state;
    this.local =
        new SpmcLocalQueue<>(RawTask<?>[]::new, OLDER_TASKS_TO_SPILL, state.global::pushBatch);
  }

  ExecutorState state() {
    return state;
  }

  SpmcLocalQueue<RawTask<?>> localQueue() {
    return local;
  }

  void unpark() {
    parker.unpark();
  }

  /**
   * Runs tasks until {@code main} completes, or, when {@code main} is null, until the executor
   * closes.
   *
   * @param operation the public call, for the message when the thread already runs an executor
   * @param endsAtClose whether a {@code main} future not complete when the executor closes ends the
   *     call with {@link RuntimeClosedException} (a runtime's {@code blockOn}) instead of being
   *     waited for ({@link SharedExecutor#run})
   * @return the output of {@code main}, or null
   * @throws IllegalStateException if the thread already runs an executor
   * @throws RuntimeClosedException if {@code endsAtClose} and the executor closes first
   */
  <T> T run(Future<T> main, String operation, boolean endsAtClose) {
    MainFutureWaker waker = main == null ? null : new MainFutureWaker(parker);
    mainWaker = waker;
    Context cx = main == null ? null : new MainContext(waker, state.driver(), this);
    CurrentExecutor.enter(this, operation);
    state.register(this);
    try {
      while (true) {
        if (main != null) {
          if (endsAtClose && state.isClosed()) {
            throw new RuntimeClosedException(state.label(), "blockOn"); // not polled again
          }
          Poll<T> poll = waker.isWoken() ? pollMainIfWoken(main, waker, cx) : Poll.pending();
          if (poll instanceof Poll.Ready<T>(T value)) {
            return value;
          }
        } else if (state.isClosed()) {
          return null;
        }
        RawTask<?> task = findTask();
        if (task != null) {
          if (sleeping) {
            sleeping = false;
            state.idle.remove(this);
          }
          state.idle.notifyOne();
          budget = CoopBudget.PER_POLL;
          long start = SlowPolls.pollStarted(); // JFR; 0 unless a recording times polls
          Class<?> futureClass = start == 0 ? null : task.futureClass();
          if (task.run()) {
            unpublishedPolls++;
          }
          if (SlowPolls.pollEnded(start, MinimalRuntimeProvider.KIND, task, futureClass)) {
            unpublishedSlowPolls++;
          }
          parker.takeInterrupt(); // a task's interrupt of this thread must not reach the next
        } else if (!sleeping) {
          sleeping = true;
          state.idle.insert(this);
        } else if (!state.idle.renew(this) && !(main != null && waker.isWoken())) {
          park();
        }
      }
    } finally {
      leave();
    }
  }

  /** Polls the main future if its wake is still unconsumed, marked busy meanwhile. */
  private <T> Poll<T> pollMainIfWoken(Future<T> main, MainFutureWaker waker, Context cx) {
    pollingMain = true; // before consuming the wake: see ExecutorState.everyTaskWaits
    try {
      return waker.consumeWake() ? pollMain(main, cx) : Poll.pending();
    } finally {
      pollingMain = false;
    }
  }

  /** Parks until unparked, waiting in the runtime's driver (timers, I/O) when it is free. */
  private void park() {
    publishCounts(); // before sleeping, so a reader sees a quiet runner's counts
    state.parks.increment();
    SharedDriver drive = state.drive();
    Object parkEvent = WorkerParks.begin(); // JFR
    if (drive == null) {
      parker.park();
    } else {
      drive.park(parker);
    }
    WorkerParks.end(parkEvent, MinimalRuntimeProvider.KIND);
  }

  /**
   * Whether this runner has work in hand: tasks in its local queue, or a main future that is woken
   * or being polled. Any thread; a snapshot.
   */
  boolean isBusy() {
    MainFutureWaker waker = mainWaker;
    return !local.isEmpty() || (waker != null && waker.isWoken()) || pollingMain;
  }

  /**
   * Spends one unit of the budget of the poll this runner is making; false once it is spent. Owner
   * thread.
   */
  boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    return false;
  }

  private <T> Poll<T> pollMain(Future<T> main, Context cx) {
    budget = CoopBudget.PER_POLL;
    try {
      return main.poll(cx);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private RawTask<?> findTask() {
    ticks++;
    if (ticks % GLOBAL_QUEUE_AND_EVENT_INTERVAL == 0) {
      publishCounts();
      SharedDriver drive = state.drive();
      if (drive != null) {
        drive.pollWhileBusy();
      }
      RawTask<?> task = state.global.pop();
      if (task != null) {
        return task;
      }
    }
    RawTask<?> task = local.pop();
    if (task != null) {
      return task;
    }
    Runner[] runners = state.runners();
    int count = runners.length;
    task = state.global.popBatch(state.global.depth() / Math.max(1, count) + 1, local);
    if (task != null) {
      return task;
    }
    int start = count > 1 ? ThreadLocalRandom.current().nextInt(count) : 0;
    for (int i = 0; i < count; i++) {
      Runner victim = runners[(start + i) % count];
      if (victim != this) {
        int queuedBefore = local.len();
        task = victim.local.stealInto(local);
        if (task != null) {
          unpublishedSteals += Math.max(1, local.len() - queuedBefore + 1);
          return task;
        }
      }
    }
    return null;
  }

  /** Adds the counts gathered since the last call to the executor's metrics. Owner thread. */
  private void publishCounts() {
    if (unpublishedPolls != 0) {
      state.polls.add(unpublishedPolls);
      unpublishedPolls = 0;
    }
    if (unpublishedSlowPolls != 0) {
      state.slowPolls.add(unpublishedSlowPolls);
      unpublishedSlowPolls = 0;
    }
    if (unpublishedSteals != 0) {
      state.steals.add(unpublishedSteals);
      unpublishedSteals = 0;
    }
  }

  private void leave() {
    publishCounts();
    if (sleeping) {
      sleeping = false;
      if (state.idle.remove(this)) {
        state.idle.notifyOne();
      }
    }
    state.unregister(this);
    if (local.drainTo(state.global::push) > 0) {
      VarHandle.fullFence();
      state.idle.notifyOne();
    }
    CurrentExecutor.exit();
    parker.restoreInterrupt();
  }

  @Override
  public String toString() {
    return "the tasks of " + state.label();
  }
}
