package dev.gearbox.spi;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.JoinedElsewhere;
import dev.gearbox.spi.jfr.EventSwitches;
import dev.gearbox.spi.jfr.TaskEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The task every runtime wraps a spawned future in: one object that is the task's waker, its poll
 * context and its join handle, so spawning allocates once and waking or polling allocates nothing.
 *
 * <p>A runtime creates the task, queues it once (a new task starts {@code SCHEDULED}), and calls
 * {@link #run()} each time a worker takes it from a queue. The state machine decides everything
 * else: when a wake must reach {@link TaskScheduler#schedule}, when a poll must be repeated, and
 * when an abort completes the task.
 *
 * @param <T> the output type
 */
public class RawTask<T> implements JoinHandle<T>, Waker, Context {
  /*
   * Implementation notes.
   *
   * One int word, changed only by CAS, holds the state (after Tokio's task/state.rs):
   *   SCHEDULED      the task is in a run queue (or about to be): exactly one queue entry exists.
   *   RUNNING        a thread owns the future: a worker polling it, or an aborter dropping it.
   *   NOTIFIED       woken while RUNNING; the owner re-queues it when the poll returns Pending.
   *   COMPLETE       the outcome is published; terminal.
   *   CANCELLED      abort was requested; whoever holds RUNNING completes the task as cancelled.
   *   JOIN_INTEREST  a joiner stored its waker in joinWaker and wants a wake on completion.
   *
   * Transitions:
   *   wake:   idle -> SCHEDULED (and schedule); RUNNING -> RUNNING|NOTIFIED; otherwise no-op.
   *   run:    SCHEDULED -> RUNNING, poll; then Pending: RUNNING -> idle, or RUNNING|NOTIFIED ->
   *           SCHEDULED (and yieldNow, or deferYield), or stays RUNNING with a claimed entry (see
   *           below); Ready: -> COMPLETE; throw: drop the future (still RUNNING, so no abort
   *           races the drop), then -> COMPLETE. Before RUNNING -> idle, a task in no OwnedTasks set asks
   *           TaskScheduler.beforeWait, still RUNNING, so a scheduler that tracks only waiting
   *           tasks binds it there (or refuses: the task is cancelled).
   *   abort:  sets CANCELLED, and RUNNING too when nobody runs it, which makes the aborting thread the
   *           owner: it drops the future and completes the task on the spot. A queue entry left behind
   *           by a SCHEDULED task finds it COMPLETE and is skipped.
   *   in place (runInPlace, a helping join): SCHEDULED -> SCHEDULED|RUNNING, poll, then as run, except
   *           that a Pending with SCHEDULED still set goes back to SCHEDULED (see below).
   *
   * A claimed entry (schedulers whose yieldKeepsClaim() is true): a task that woke during its poll
   * is queued still RUNNING, with `entryClaimed` set, so the yield takes no CAS; whoever takes that
   * one entry (the queue's own synchronisation orders the plain flag) owns the task and polls it
   * without a CAS, after clearing a NOTIFIED that a wake from elsewhere set meanwhile. Wakes and
   * aborts see RUNNING: a wake sets NOTIFIED, an abort sets CANCELLED and leaves the completion to
   * the entry's taker (run, or abortQueued when it will not run it). Stale entries never carry the
   * flag: only the RUNNING owner sets it, and only the entry it then queues sees it.
   *
   * Polled in place (a helping join, TaskScheduler.helpJoin): a joiner that finds the task
   * SCHEDULED and not RUNNING claims it without taking its queue entry, which it cannot reach
   * cheaply (it may be anywhere in some worker's queue, or stolen meanwhile): SCHEDULED stays set,
   * meaning "an unclaimed entry of this task still exists", and RUNNING makes the joiner the owner.
   * Protocol:
   *   1. The joiner CASes SCHEDULED -> SCHEDULED|RUNNING and polls the future once, as run does.
   *   2. An entry taker that finds SCHEDULED|RUNNING (claim) consumes the entry: it clears SCHEDULED
   *      and sets NOTIFIED in one CAS and skips the entry; the owner, seeing NOTIFIED, re-queues the
   *      task when its poll returns Pending, so the entry's run is not lost. A wake meanwhile sees
   *      SCHEDULED and does nothing: the entry (or the NOTIFIED its taker leaves) stands for it.
   *   3. When the poll returns: Ready, a throw, or CANCELLED complete the task as in run (its entry,
   *      if still queued, is then stale and skipped); Pending with SCHEDULED still set clears
   *      RUNNING (and only that), so the task is SCHEDULED with its one entry, which polls it again
   *      (a spurious poll, which futures allow); Pending with SCHEDULED cleared ends as run does.
   * The same encoding covers an abort of a SCHEDULED task (the aborter owns it as RUNNING while
   * its entry is queued): an entry taken meanwhile is consumed the same way, and the completion
   * clears NOTIFIED. So a task has at most one live queue entry, and one owner, at any time.
   *
   * A wake from the thread that is polling the task (a yield, or a future that wakes its own task)
   * needs no CAS: `runner` is set by the RUNNING owner for the length of the poll, so only that
   * thread can read itself there (another thread reads null, or a later runner, never its own
   * thread), and it notes the wake in `wokenBySelf`, read when the poll returns as NOTIFIED is.
   * A deferred wake from there (Context.deferWake, a yield) is noted in `deferredBySelf` the same
   * way; when the poll returns, the task is re-queued through TaskScheduler.deferYield instead of
   * yieldNow if that was its only wake (no plain wake from itself, no NOTIFIED from elsewhere), so
   * the scheduler may hold it back behind its other ready work. Either way the task is queued
   * exactly as a yield is (claimed or SCHEDULED): only the place of the entry differs.
   *
   * Ownership: `future`, `runner`, `wokenBySelf`, `deferredBySelf` and `entryClaimed` are touched
   * only by the RUNNING owner (the taker of a claimed entry included; `runner` also read by wakers,
   * as above). `outcome` is written before the CAS that sets COMPLETE and read after a volatile
   * read sees COMPLETE. `joinWaker` is written only by the joiner while JOIN_INTEREST is clear and
   * the task not COMPLETE, and read by the completer only after its CAS to COMPLETE saw
   * JOIN_INTEREST set; so the two never race (Tokio's join-waker protocol). Blocking joins and
   * CompletableFuture bridges use `completion`, completed by the completer and by any registrar
   * that sees COMPLETE; completing it twice is harmless.
   *
   * Unjoined failures: a task that fails is joined if its CAS to COMPLETE saw JOIN_INTEREST, or
   * its read of `completion` (after that CAS) saw a bridge; otherwise the completer hands the
   * failure to TaskScheduler.unjoinedFailure, once, before release. A registrar that comes later
   * still gets the failure (it was reported too). Both sides write, then read, volatile fields, so
   * at least one sees the other: a joiner registered before completion is not reported (unless it
   * was swapping its waker, JOIN_INTEREST briefly clear, at that very CAS). Only the failure path
   * reads anything for this.
   */

  /** In a run queue. */
  public static final int SCHEDULED = 1;

  /** Owned by a thread that polls or drops the future. */
  public static final int RUNNING = 1 << 1;

  /** Woken while running: runs again after the current poll. */
  public static final int NOTIFIED = 1 << 2;

  /** Finished: the outcome is set. */
  public static final int COMPLETE = 1 << 3;

  /** Abort requested. */
  public static final int CANCELLED = 1 << 4;

  /** A joiner waits for the outcome through {@code joinWaker}. */
  public static final int JOIN_INTEREST = 1 << 5;

  private static final VarHandle STATE;
  private static final VarHandle COMPLETION;
  private static final VarHandle ID;
  private static final AtomicLong NEXT_ID = new AtomicLong(1);
  private static final Object CANCELLED_OUTCOME = new Object();

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(RawTask.class, "state", int.class);
      COMPLETION = lookup.findVarHandle(RawTask.class, "completion", CompletableFuture.class);
      ID = lookup.findVarHandle(RawTask.class, "id", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long id;
  private final TaskScheduler scheduler;
  private volatile int state;
  private Future<T> future;
  private Thread runner;
  private boolean wokenBySelf;
  private boolean deferredBySelf;
  private boolean entryClaimed;
  private Object outcome;
  private Waker joinWaker;
  private volatile CompletableFuture<T> completion;

  /** Links of the {@link OwnedTasks} shard that holds this task; guarded by the shard's lock. */
  RawTask<?> ownedPrev;

  RawTask<?> ownedNext;
  Object ownedBy;

  /**
   * For task dumps ({@link TaskCensus}), read there without synchronisation: the label of the leaf
   * future the last poll waited in and the time of the first Pending (written by the RUNNING
   * owner), and where and under what name the task was spawned (written once by the spawner, when
   * captured or named).
   */
  private String waitingIn;

  private long firstPendingNanos;
  private volatile TaskOrigin origin;

  /**
   * Creates a task in the {@link #SCHEDULED} state. The runtime must queue it exactly once.
   *
   * @param future the future to run
   * @param scheduler where the task goes when woken
   */
  @SuppressWarnings("this-escape") // only to the state's VarHandle, for a plain store
  public RawTask(Future<T> future, TaskScheduler scheduler) {
    this.future = Objects.requireNonNull(future, "future");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    // A plain store: a volatile one would fence every spawn. The runtime publishes the task to
    // other threads through its queues, which order this store before any read of the state.
    STATE.set(this, SCHEDULED);
    if (EventSwitches.taskSpawn()) { // JFR, off by default
      TaskEvents.spawned(this, future.getClass());
    }
  }

  private record Failure(Throwable cause) {}

  // ---- the runtime's side

  /**
   * Polls the task once, if it is still to be run; called by a worker that took it from a queue.
   * Never throws: a throwing poll drops the future (a drop that throws too goes to this thread's
   * uncaught-exception handler) and completes the task exceptionally.
   *
   * @return true if the future was polled, false if the queue entry was stale (task complete, or
   *     owned by an aborting thread)
   */
  public final boolean run() {
    if (entryClaimed) {
      entryClaimed = false;
      if (!resumeClaimed()) {
        return false;
      }
    } else if (!claim()) {
      return false;
    }
    pollOwned();
    return true;
  }

  /**
   * Polls the task once on the calling thread, if it is {@link #SCHEDULED} and nobody runs it,
   * without taking its queue entry: a helping join, for a scheduler's {@link
   * TaskScheduler#helpJoin}, on a thread about to wait for this task. The entry stays queued; if
   * the poll returns Pending with the entry still queued, the task is left scheduled and that entry
   * polls it again later; if a worker took the entry meanwhile, the task is re-queued as after a
   * wake. Never throws (as {@link #run()}).
   *
   * @return true if the future was polled, false if the task was not scheduled, already running or
   *     complete
   */
  public final boolean runInPlace() {
    int current = (int) STATE.getVolatile(this);
    while (true) {
      if ((current & (SCHEDULED | RUNNING | COMPLETE | CANCELLED)) != SCHEDULED) {
        return false;
      }
      int witness = casState(current, current | RUNNING);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    pollOwned();
    return true;
  }

  /** Polls the future once and settles the state; the caller owns the task (RUNNING). */
  private void pollOwned() {
    Poll<T> poll;
    runner = Thread.currentThread();
    waitingIn = null;
    try {
      poll = future.poll(this);
    } catch (Throwable failure) {
      runner = null;
      wokenBySelf = false;
      deferredBySelf = false;
      dropFuture(); // as Tokio drops a future that panicked: what it holds is released
      complete(new Failure(failure));
      return;
    }
    runner = null;
    boolean selfWoken = wokenBySelf || deferredBySelf;
    boolean selfDeferred = deferredBySelf && !wokenBySelf; // only a deferred wake from itself
    wokenBySelf = false;
    deferredBySelf = false;
    if (poll instanceof Poll.Ready<T>(T value)) {
      complete(value);
      return;
    }
    if (firstPendingNanos == 0) {
      firstPendingNanos = System.nanoTime(); // once per task, for the age task dumps show
    }
    int current = (int) STATE.getVolatile(this);
    boolean tracked = ownedBy != null;
    while (true) {
      if ((current & CANCELLED) != 0) {
        dropAndCancel();
        return;
      }
      if ((current & SCHEDULED) != 0) {
        // Polled in place with its entry still queued: the entry polls it again (NOTIFIED is never
        // set beside SCHEDULED, see the notes).
        int witness = casState(current, current & ~RUNNING);
        if (witness == current) {
          return;
        }
        current = witness;
        continue;
      }
      boolean again = selfWoken || (current & NOTIFIED) != 0;
      if (again && scheduler.yieldKeepsClaim()) {
        entryClaimed = true; // stays RUNNING: the queue entry holds the claim
        requeue(selfDeferred && (current & NOTIFIED) == 0);
        return;
      }
      if (!again && !tracked) {
        tracked = true;
        if (!scheduler.beforeWait(this)) {
          dropAndCancel();
          return;
        }
        current = (int) STATE.getVolatile(this);
        continue;
      }
      int next = again ? (current & ~(RUNNING | NOTIFIED)) | SCHEDULED : current & ~RUNNING;
      int witness = casState(current, next);
      if (witness == current) {
        if (again) {
          requeue(selfDeferred && (current & NOTIFIED) == 0);
        }
        return;
      }
      current = witness;
    }
  }

  /** Queues the task that woke during its poll: deferred if that wake was only a deferred one. */
  private void requeue(boolean deferred) {
    if (deferred) {
      scheduler.deferYield(this);
    } else {
      scheduler.yieldNow(this);
    }
  }

  /**
   * SCHEDULED -> RUNNING for an unclaimed entry; false if stale or cancelled (then dropped). An
   * entry of a task another thread owns while the entry is queued (polled in place, or aborted) is
   * consumed: NOTIFIED tells the owner to re-queue the task if its poll returns Pending.
   */
  private boolean claim() {
    int current = (int) STATE.getVolatile(this);
    while (true) {
      if ((current & COMPLETE) != 0) {
        return false;
      }
      if ((current & RUNNING) != 0) {
        if ((current & SCHEDULED) == 0) {
          return false;
        }
        int witness = casState(current, (current & ~SCHEDULED) | NOTIFIED);
        if (witness == current) {
          return false;
        }
        current = witness;
        continue;
      }
      int witness = casState(current, (current & ~SCHEDULED) | RUNNING);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if ((current & CANCELLED) != 0) {
      dropAndCancel();
      return false;
    }
    return true;
  }

  /** Takes over the claim of a claimed entry: false if cancelled meanwhile (then dropped). */
  private boolean resumeClaimed() {
    int current = (int) STATE.getVolatile(this);
    while (true) {
      if ((current & CANCELLED) != 0) {
        dropAndCancel();
        return false;
      }
      if ((current & NOTIFIED) == 0) {
        return true;
      }
      int witness = casState(current, current & ~NOTIFIED);
      if (witness == current) {
        return true;
      }
      current = witness;
    }
  }

  /**
   * Cancels the task a queue entry stands for, when the runtime takes the entry and will not run it
   * (at shutdown): as {@link #abort()}, and if the entry holds the task's claim (see {@link
   * TaskScheduler#yieldKeepsClaim()}), also drops the future and completes the task here. A no-op
   * for a stale entry. Only the thread that took the entry may call this, once.
   */
  public final void abortQueued() {
    abort();
    if (entryClaimed) {
      run(); // sees CANCELLED: drops the future and completes the task as cancelled
    }
  }

  /**
   * The state word, for runtimes' diagnostics and tests.
   *
   * @return the current state bits
   */
  public final int state() {
    return (int) STATE.getVolatile(this);
  }

  // ---- Waker and Context

  @Override
  public final void wake() {
    if (runner == Thread.currentThread()) {
      wokenBySelf = true; // a wake from inside its own poll: no atomic needed
      return;
    }
    int current = (int) STATE.getVolatile(this);
    while (true) {
      if ((current & (COMPLETE | CANCELLED | SCHEDULED | NOTIFIED)) != 0) {
        return;
      }
      boolean running = (current & RUNNING) != 0;
      int witness = casState(current, current | (running ? NOTIFIED : SCHEDULED));
      if (witness == current) {
        if (!running) {
          scheduler.schedule(this);
        }
        return;
      }
      current = witness;
    }
  }

  @Override
  public final Waker waker() {
    return this;
  }

  /**
   * Inside the task's own poll, notes the wake (no atomic) and, when the poll returns Pending,
   * queues the task through {@link TaskScheduler#deferYield}; from any other thread, {@link
   * #wake()}.
   */
  @Override
  public final void deferWake() {
    if (runner == Thread.currentThread()) {
      deferredBySelf = true;
      return;
    }
    wake();
  }

  @Override
  public final Driver driver() {
    return scheduler.driver();
  }

  @Override
  public final boolean consumeBudget() {
    return scheduler.consumeBudget();
  }

  @Override
  public final void waitingIn(String leaf) {
    waitingIn = leaf;
  }

  // ---- task dumps (TaskCensus): racy reads, each of one field

  /**
   * The label of the leaf future the task's last poll waited in ({@link Context#waitingIn}), or
   * null; read without synchronisation, for diagnostics such as task dumps.
   *
   * @return the label, or null
   */
  public final String leaf() {
    return waitingIn;
  }

  final Thread runnerForDump() {
    return runner;
  }

  final Future<T> futureForDump() {
    return future;
  }

  /**
   * The class of the task's future, or null once it finished: for a slow-poll event, read by the
   * thread about to poll the task (only while such events are recorded, as it costs a read of the
   * future's header).
   *
   * @return the class, or null
   */
  public final Class<?> futureClass() {
    Future<T> current = future;
    return current == null ? null : current.getClass();
  }

  final long firstPendingNanos() {
    return firstPendingNanos;
  }

  final boolean isOwned() {
    return ownedBy != null;
  }

  final TaskOrigin origin() {
    return origin;
  }

  final void origin(TaskOrigin spawned) {
    origin = spawned;
  }

  /**
   * The task's name in task dumps: the one it was spawned with ({@code Runtime.spawn(String,
   * Future)}), or null. A runtime's task type may name its tasks otherwise.
   *
   * @return the name, or null
   */
  protected String name() {
    TaskOrigin spawned = origin;
    return spawned == null ? null : spawned.name();
  }

  // ---- JoinHandle

  @Override
  public final long id() {
    long current = id;
    if (current == 0) {
      // assigned on first use: spawning pays no shared counter
      long next = NEXT_ID.getAndIncrement();
      long witness = (long) ID.compareAndExchange(this, 0L, next);
      current = witness == 0 ? next : witness;
    }
    return current;
  }

  @Override
  public final void abort() {
    int current = (int) STATE.getVolatile(this);
    while (true) {
      if ((current & (COMPLETE | CANCELLED)) != 0) {
        return;
      }
      boolean claim = (current & RUNNING) == 0;
      int witness = casState(current, current | CANCELLED | (claim ? RUNNING : 0));
      if (witness == current) {
        if (claim) {
          dropAndCancel();
        }
        return;
      }
      current = witness;
    }
  }

  @Override
  public final boolean isFinished() {
    return (state() & COMPLETE) != 0;
  }

  @Override
  public final Poll<T> poll(Context cx) {
    int current = state();
    if ((current & (SCHEDULED | RUNNING | COMPLETE)) == SCHEDULED && scheduler.helpJoin(this)) {
      current = state(); // polled in place (a helping join): maybe complete now
    }
    if ((current & COMPLETE) != 0) {
      return Poll.ready(outcomeOrThrow());
    }
    Waker waker = cx.waker();
    if ((current & JOIN_INTEREST) != 0) {
      if (joinWaker.willWake(waker)) {
        cx.waitingIn("JoinHandle.join");
        return Poll.pending();
      }
      current = updateJoinInterest(current, false);
      if ((current & COMPLETE) != 0) {
        return Poll.ready(outcomeOrThrow());
      }
    }
    joinWaker = waker;
    current = updateJoinInterest(current, true);
    if ((current & COMPLETE) != 0) {
      return Poll.ready(outcomeOrThrow());
    }
    cx.waitingIn("JoinHandle.join");
    return Poll.pending();
  }

  /** Sets or clears JOIN_INTEREST unless COMPLETE; returns the state it saw last. */
  private int updateJoinInterest(int current, boolean interested) {
    while (true) {
      if ((current & COMPLETE) != 0) {
        return current;
      }
      int next = interested ? current | JOIN_INTEREST : current & ~JOIN_INTEREST;
      int witness = casState(current, next);
      if (witness == current) {
        return next;
      }
      current = witness;
    }
  }

  @Override
  public final T join() {
    CurrentRuntime.checkMayBlock("JoinHandle.join()");
    try {
      completion().join();
    } catch (CompletionException failed) {
      // the outcome below carries the failure, thrown from this thread
    }
    return outcomeOrThrow();
  }

  @Override
  public final T join(Duration timeout) throws TimeoutException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    CurrentRuntime.checkMayBlock("JoinHandle.join(timeout)");
    try {
      completion().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      // the outcome below carries the failure
    } catch (TimeoutException e) {
      throw new TimeoutException("task " + id() + " did not finish within " + timeout);
    }
    return outcomeOrThrow();
  }

  @Override
  public final CompletableFuture<T> toCompletableFuture() {
    return completion().copy();
  }

  private CompletableFuture<T> completion() {
    CompletableFuture<T> existing = completion;
    if (existing == null) {
      CompletableFuture<T> created = new CompletableFuture<>();
      existing = (CompletableFuture<T>) COMPLETION.compareAndExchange(this, null, created);
      if (existing == null) {
        existing = created;
      }
    }
    if (isFinished()) {
      publish(existing);
    }
    return existing;
  }

  // ---- completion

  private void dropAndCancel() {
    dropFuture();
    complete(CANCELLED_OUTCOME);
  }

  /** Drops the owned future; a drop that throws goes to this thread's uncaught handler. */
  private void dropFuture() {
    try {
      future.drop();
    } catch (Throwable failure) {
      uncaught(failure);
    }
  }

  /** Hands {@code failure} to the calling thread's uncaught-exception handler, or logs it. */
  static void uncaught(Throwable failure) {
    RuntimeLog.uncaught(RuntimeLog.RUNTIME, failure);
  }

  private void complete(Object result) {
    boolean reportable = result instanceof Failure && !(future instanceof JoinedElsewhere);
    future = null;
    outcome = result;
    int current = (int) STATE.getVolatile(this);
    while (true) {
      int witness = casState(current, (current & ~(RUNNING | NOTIFIED)) | COMPLETE);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if ((current & JOIN_INTEREST) != 0) {
      joinWaker.wake();
    }
    CompletableFuture<T> waiting = completion;
    if (waiting != null) {
      publish(waiting);
    } else if (reportable && (current & JOIN_INTEREST) == 0) {
      scheduler.unjoinedFailure(this, ((Failure) result).cause());
    }
    scheduler.release(this);
    if (EventSwitches.taskEnd()) { // JFR, off by default
      TaskEvents.ended(this, outcomeName(result));
    }
  }

  private static String outcomeName(Object result) {
    return result == CANCELLED_OUTCOME
        ? TaskEvents.CANCELLED
        : result instanceof Failure ? TaskEvents.FAILED : TaskEvents.COMPLETED;
  }

  @SuppressWarnings("unchecked")
  private void publish(CompletableFuture<T> target) {
    Object result = outcome;
    if (result == CANCELLED_OUTCOME) {
      target.completeExceptionally(JoinException.cancelled(id()));
    } else if (result instanceof Failure failure) {
      target.completeExceptionally(JoinException.failed(id(), failure.cause()));
    } else {
      target.complete((T) result);
    }
  }

  /** The output of a complete task, or the JoinException that stands for its failure. */
  @SuppressWarnings("unchecked")
  private T outcomeOrThrow() {
    Object result = outcome;
    if (result == CANCELLED_OUTCOME) {
      throw JoinException.cancelled(id());
    }
    if (result instanceof Failure failure) {
      throw JoinException.failed(id(), failure.cause());
    }
    return (T) result;
  }

  /**
   * Whether the task finished as cancelled.
   *
   * @return true if complete and cancelled
   */
  public final boolean isCancelled() {
    return isFinished() && outcome == CANCELLED_OUTCOME;
  }

  /**
   * Whether the task finished because its poll threw: its handle fails with the exception as cause.
   * A runtime reads this in {@link TaskScheduler#release} to apply a policy to unhandled failures
   * (such as Tokio's {@code unhandled_panic = shutdown_runtime}).
   *
   * @return true if complete and failed
   */
  public final boolean isFailed() {
    return isFinished() && outcome instanceof Failure;
  }

  private int casState(int expected, int next) {
    return (int) STATE.compareAndExchange(this, expected, next);
  }

  @Override
  public String toString() {
    return "Task[" + id() + ", state=" + describe(state()) + "]";
  }

  /**
   * The names of the bits set in {@code state}, for diagnostics.
   *
   * @param state a state word
   * @return the names joined with {@code |}
   */
  public static String describe(int state) {
    StringBuilder names = new StringBuilder();
    String[] labels = {
      "SCHEDULED", "RUNNING", "NOTIFIED", "COMPLETE", "CANCELLED", "JOIN_INTEREST"
    };
    for (int bit = 0; bit < labels.length; bit++) {
      if ((state & (1 << bit)) != 0) {
        names.append(names.isEmpty() ? "" : "|").append(labels[bit]);
      }
    }
    return names.isEmpty() ? "IDLE" : names.toString();
  }
}
