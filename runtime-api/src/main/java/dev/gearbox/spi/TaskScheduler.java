package dev.gearbox.spi;

/**
 * What a runtime gives each of its {@link RawTask}s: where a woken task goes, and who hears that it
 * finished. The task state machine guarantees that {@code schedule} is called once per wake-up that
 * found the task idle, never for a task already queued or running.
 */
public interface TaskScheduler {

  /**
   * Queues a task that was woken, or spawned, so a worker runs it. Called from any thread.
   *
   * @param task the task, now in the scheduled state
   */
  void schedule(RawTask<?> task);

  /**
   * Queues a task that woke itself during its own poll (a yield). The default is {@link #schedule};
   * a runtime with a LIFO slot sends such tasks to the back of a queue instead, so yielding lets
   * others run.
   *
   * @param task the task, now in the scheduled state (still running, its entry holding the claim,
   *     if {@link #yieldKeepsClaim()})
   */
  default void yieldNow(RawTask<?> task) {
    schedule(task);
  }

  /**
   * Queues a task whose only wake during its own poll was a deferred one ({@link
   * dev.gearbox.future.Context#deferWake()}, as {@code Futures.yieldNow} makes): it should run
   * again after the worker's other ready tasks and its next look at timers and I/O (Tokio's {@code
   * Defer} list). Called on the polling thread, in the same state as {@link #yieldNow}, whose
   * contract it keeps: the scheduler must queue the one entry (a claimed one must be run or {@link
   * RawTask#abortQueued() abortQueued}, never dropped, also at shutdown). The default is {@link
   * #yieldNow}: a runtime without an idle point to defer to queues it at once.
   *
   * @param task the task, in the same state as for {@link #yieldNow}
   */
  default void deferYield(RawTask<?> task) {
    yieldNow(task);
  }

  /**
   * Whether a task that woke itself during its poll (a yield) stays {@link RawTask#RUNNING} while
   * it is queued: its queue entry then holds the claim, so neither the yield nor the next run
   * changes the state word (no CAS). Asked at each such yield; the default is false.
   *
   * <p>A scheduler that answers true must, for every queue entry it takes, either {@link
   * RawTask#run() run} it or {@link RawTask#abortQueued() abortQueued} it, and never drop it: while
   * the entry holds the claim, an {@link RawTask#abort() abort} only marks the task, and the entry
   * completes it. The task's wakes from other threads meanwhile cost a CAS each, as during a poll.
   *
   * @return true to keep a yielding task's claim in its queue entry
   */
  default boolean yieldKeepsClaim() {
    return false;
  }

  /**
   * Offers a helping join: the calling thread polls {@code task}'s join handle and is about to wait
   * for it, and the task is {@link RawTask#SCHEDULED} and not running. A scheduler that allows it
   * may poll the task in place, once, with {@link RawTask#runInPlace()} (as ForkJoinPool's join
   * runs a task it finds unstarted), and return true; the join handle then looks at the task's
   * state again. It must do so only on a thread where polling the task is as safe as running it
   * from a queue (one of its workers, inside a task's poll), within a bound on nesting (the task
   * polled in place may join another in turn) and the running poll's cooperative budget. The
   * default declines.
   *
   * @param task the task joined, of this scheduler
   * @return true if the task was polled in place (it may still be pending)
   */
  default boolean helpJoin(RawTask<?> task) {
    return false;
  }

  /**
   * Hears that a task is about to wait: its poll returned Pending, no wake came during the poll,
   * and the task is in no {@link OwnedTasks} set. From now until a waker is woken the task is in no
   * run queue, so only a registry finds it. Called on the polling thread while the task still
   * counts as running, at most once per poll. A scheduler that binds its tasks to {@link
   * OwnedTasks} at spawn never hears this; one that binds only waiting tasks (so that a task which
   * finishes in its first poll never touches the set) binds it here. The default does nothing.
   *
   * @param task the task about to wait
   * @return true to let it wait; false if it must not (the scheduler is shutting down): the task
   *     then completes as cancelled
   */
  default boolean beforeWait(RawTask<?> task) {
    return true;
  }

  /**
   * Hears that a task finished (completed, failed or cancelled), on the thread that finished it.
   *
   * @param task the finished task
   */
  void release(RawTask<?> task);

  /**
   * Hears that a task failed with nobody joined to it (no task awaiting its handle, no blocking
   * join, no CompletableFuture bridge), on the thread that completed it, once, just before {@link
   * #release}. A runtime counts it and hands it to its {@link UnjoinedFailures}. The default logs
   * it as {@link dev.gearbox.runtime.UnjoinedFailureHandler#log()} does.
   *
   * @param task the failed task
   * @param failure what its poll threw
   */
  default void unjoinedFailure(RawTask<?> task, Throwable failure) {
    dev.gearbox.runtime.UnjoinedFailureHandler.log().unjoinedFailure(null, task, failure);
  }

  /**
   * The timers and reactor of the runtime, for its tasks' contexts; null for a scheduler whose
   * tasks do not reach them (such as the blocking pool). The default is null.
   *
   * @return the runtime's driver, or null
   */
  default RuntimeDriver driver() {
    return null;
  }

  /**
   * Spends one unit of the cooperative budget of the task being polled on this thread; see {@link
   * dev.gearbox.future.Context#consumeBudget()}. The default has no budget and returns true.
   *
   * @return true to proceed, false to yield
   */
  default boolean consumeBudget() {
    return true;
  }
}
