package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.spi.RuntimeLog;
import dev.gearbox.spi.TaskCensus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slot of a {@link TaskPool}: the task header (state, run-queue and timer links) around a body
 * that is reused for every spawn. It is the task's waker and its context, so a wake or a poll
 * allocates nothing.
 */
final class PoolSlot implements TaskNode, Context {
  /*
   * Implementation notes: after Embassy's raw/state_atomics.rs. One int word, changed atomically:
   *   SPAWNED     the slot holds a live task (set by the claim, cleared when the task finishes);
   *   RUN_QUEUED  the slot is in its executor's run queue: exactly one queue entry exists.
   * claim: 0 -> SPAWNED|RUN_QUEUED with one CAS, so a stale wake (from a waker of a previous spawn
   * of this slot) finds it queued and does nothing; the claimer then initialises the body and
   * pushes the slot. wake: sets RUN_QUEUED if SPAWNED and not RUN_QUEUED, then pushes. The
   * executor clears RUN_QUEUED before polling, so a wake during the poll queues the slot for the
   * next batch; a slot dequeued without SPAWNED (it finished while queued) is skipped. Finishing
   * clears only SPAWNED: a slot still queued is not free (claim needs exactly 0) until the
   * executor dequeues it, so it is never in a queue twice.
   *
   * Fields: `executor` is written by the claimer before the push that publishes it; `runNext` by
   * pushers and the executor as RunQueue says; `timerLinks` by the executor thread.
   */
  static final int SPAWNED = 1;
  static final int RUN_QUEUED = 1 << 1;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PoolSlot.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final TaskPool<?> pool;
  final TaskBody body;
  private final TimerLinks timerLinks = new TimerLinks(this);
  private volatile int state;
  private EmbeddedExecutor executor;
  private TaskNode runNext;

  /** The leaf label of the last poll ({@link Context#waitingIn}); executor thread writes. */
  private String waitingIn;

  PoolSlot(TaskPool<?> pool, TaskBody body) {
    this.pool = pool;
    this.body = body;
  }

  @Override
  public Class<?> futureClass() {
    return body.getClass();
  }

  boolean tryClaim() {
    return state == 0 && STATE.compareAndSet(this, 0, SPAWNED | RUN_QUEUED);
  }

  /** Gives a claimed slot back when its initialisation failed; nobody else saw it. */
  void unclaim() {
    body.reset();
    state = 0;
  }

  /** Queues a claimed, initialised slot on {@code target}. */
  void start(EmbeddedExecutor target) {
    executor = target;
    target.enqueue(this);
  }

  boolean isFree() {
    return state == 0;
  }

  @Override
  public void wake() {
    int current = state;
    while ((current & SPAWNED) != 0 && (current & RUN_QUEUED) == 0) {
      int witness = (int) STATE.compareAndExchange(this, current, current | RUN_QUEUED);
      if (witness == current) {
        executor.enqueue(this);
        return;
      }
      current = witness;
    }
  }

  @Override
  public void runFromQueue(EmbeddedExecutor running) {
    int previous = (int) STATE.getAndBitwiseAnd(this, ~RUN_QUEUED);
    if ((previous & SPAWNED) == 0) {
      return;
    }
    boolean finished;
    waitingIn = null;
    try {
      finished = body.poll(this);
    } catch (Throwable failure) {
      RuntimeLog.uncaught(RuntimeLog.EMBEDDED, failure);
      finished = true;
    }
    if (finished) {
      running.forgetTimer(this);
      body.reset();
      STATE.getAndBitwiseAnd(this, ~SPAWNED);
    }
  }

  @Override
  public void abandoned() {
    // the executor frees its pools' slots next (releaseIfOn)
  }

  /** Frees the slot if its task runs on {@code closed}; that executor's thread, after its loop. */
  void releaseIfOn(EmbeddedExecutor closed) {
    if (executor == closed && (state & SPAWNED) != 0) {
      closed.forgetTimer(this);
      body.reset();
      state = 0;
    }
  }

  @Override
  public TaskNode runNext() {
    return runNext;
  }

  @Override
  public void runNext(TaskNode next) {
    runNext = next;
  }

  @Override
  public EmbeddedExecutor executor() {
    return executor;
  }

  @Override
  public TimerLinks timerLinks() {
    return timerLinks;
  }

  /**
   * Counts this slot's task in {@code census} if it is alive on {@code on}: running when it is the
   * node inside the executor's poll, scheduled when queued, else idle. Any thread; each field is
   * read once without synchronisation, as TaskCensus reads a RawTask.
   */
  void censusOn(EmbeddedExecutor on, int index, TaskNode polling, TaskCensus census) {
    int current = state;
    if ((current & SPAWNED) == 0 || executor != on) {
      return;
    }
    TaskDump.State named;
    if (polling == this) {
      named = TaskDump.State.RUNNING;
    } else if ((current & RUN_QUEUED) != 0) {
      named = TaskDump.State.SCHEDULED;
    } else {
      named = TaskDump.State.IDLE;
    }
    census.addTask(index, pool.name(), named, waitingIn, body.getClass(), on.thread());
  }

  // ---- Context

  @Override
  public Waker waker() {
    return this;
  }

  @Override
  public Driver driver() {
    return executor.driver();
  }

  @Override
  public boolean consumeBudget() {
    return executor.consumeBudget();
  }

  @Override
  public void waitingIn(String leaf) {
    waitingIn = leaf;
  }

  @Override
  public String toString() {
    return "PoolSlot[" + pool.name() + ", state=" + state + "]";
  }
}
