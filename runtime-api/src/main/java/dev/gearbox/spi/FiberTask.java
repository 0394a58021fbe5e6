package dev.gearbox.spi;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.FiberCancelledException;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.spi.sched.CoopBudget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.LockSupport;

/**
 * One fiber: the future its runtime polls (the fiber's one task), the scheduler of its virtual
 * thread, and the context the fiber polls awaited futures with.
 *
 * @param <T> the body's result type
 */
final class FiberTask<T> implements Future<Void>, Executor, Context, Waker {
  /*
   * Implementation notes.
   *
   * # Carried fibers
   * The virtual thread's scheduler is this object: each time the JDK makes the thread runnable
   * (start, unpark, yield) it calls execute(continuation) with the same Runnable, which marks a
   * submission and wakes the carrier task (the runtime's task whose future is this object). Each
   * poll of the carrier task runs the continuation once if a submission is marked, so the thread
   * runs until it parks, yields or ends, on the worker that polls. A submission made during the
   * poll by the poller itself (a yield, or the start) is not woken at once: after the run, a
   * submission still marked wakes the carrier task, which goes to the back of the run queue as any
   * task woken during its own poll. The poll returns Ready once the thread has terminated.
   *
   * `submission` is the only shared word: SUBMITTED marks a continuation to run, ORPHANED says the
   * carrier task was dropped (shutdown, or abort of the carrier). Exactly one party runs each
   * submission: the poll that clears SUBMITTED, or, once ORPHANED, the orphan executor (a pool of
   * platform threads that lets an orphaned fiber unwind: its awaits throw, its finally blocks run).
   *
   * # Fibers on the JDK's scheduler
   * Without access to the JDK's hook the thread runs on the JDK's default scheduler and this
   * object only keeps the fiber's place in the runtime: the carrier task is Pending until the body
   * ends, so shutdown drops it, which cancels the fiber. An await then spawns the awaited future
   * as a task of the runtime and waits for its handle, since only a task of the runtime has its
   * timers and reactor.
   *
   * # Ownership
   * `thread` and `started` are written before the thread starts, or by the first poll; `poller`
   * is set by the polling worker for the length of the poll (read by execute: only the poller can
   * see itself there); `carrier` is written by every poll (the same waker and context each time).
   * `budget` and `budgetSpent` belong to the fiber's own thread.
   *
   * # Pinning
   * An awaited future is polled (and dropped) with the fiber pinned to its worker. Its poll runs
   * the runtime's own code, which takes locks that workers take too (the selector's wake-up lock,
   * a registration's monitor, the timer wheel's lock). Unpinned, a fiber waiting for such a lock
   * unmounts, possibly holding another, and its resubmission can land in the queue of the very
   * worker that waits for the lock it holds: a deadlock. Pinned, it waits on its worker's thread as
   * a task's poll does.
   *
   * # Cancellation
   * abort sets the handle's flag and interrupts the thread. await checks the interrupt flag before
   * each poll and after each park: an interrupted fiber drops the awaited future and throws
   * FiberCancelledException. The flag stays set so that JDK blocking calls fail too.
   */

  private static final int SUBMITTED = 1;
  private static final int ORPHANED = 1 << 1;

  private static final ThreadLocal<FiberTask<?>> CURRENT = new ThreadLocal<>();
  private static final VarHandle SUBMISSION;

  static {
    try {
      SUBMISSION = MethodHandles.lookup().findVarHandle(FiberTask.class, "submission", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runtime runtime;
  private final Callable<T> body;
  private final boolean carried;
  final FiberHandle<T> handle;
  private Thread thread;
  private boolean started;
  private volatile int submission;
  private volatile Runnable continuation;
  private volatile Context carrier;
  private Thread poller;
  private int budget = CoopBudget.PER_POLL;
  private boolean budgetSpent;

  /**
   * For task dumps, written by the fiber's thread: the leaf its await waits in, and the task an
   * await on the JDK's scheduler spawned for the awaited future (whose leaf is the fiber's).
   */
  private String waitingIn;

  private RawTask<?> awaitedTask;

  FiberTask(Runtime runtime, Callable<T> body, boolean carried) {
    this.runtime = runtime;
    this.body = body;
    this.carried = carried;
    this.handle = new FiberHandle<>(this);
  }

  /** Binds the fiber's thread; called once, before the carrier task is spawned. */
  void bind(Thread fiberThread) {
    this.thread = fiberThread;
  }

  /** The fiber of the current thread, or null outside fibers. */
  static FiberTask<?> current() {
    return CURRENT.get();
  }

  Runtime runtime() {
    return runtime;
  }

  /** The worker polling this fiber now, or null; read by the fiber's own code while it runs. */
  Thread poller() {
    return poller;
  }

  /** Whether the fiber's runtime runs it (not the JDK's scheduler, not the orphan executor). */
  boolean carriedNow() {
    return carried && (submission & ORPHANED) == 0;
  }

  // ---- the fiber's thread

  /** The body of the fiber's virtual thread. */
  void runBody() {
    CURRENT.set(this);
    CurrentRuntime.Scope scope = CurrentRuntime.enter(runtime, CurrentRuntime.Role.FIBER);
    try {
      if (handle.cancelRequested()) {
        handle.cancel();
        return;
      }
      T value = body.call();
      if (handle.cancelRequested()) {
        handle.cancel();
      } else {
        handle.complete(value);
      }
    } catch (Throwable failure) {
      if (handle.cancelRequested() || failure instanceof FiberCancelledException) {
        handle.cancel();
      } else {
        handle.fail(failure);
      }
    } finally {
      scope.close();
      CURRENT.remove();
      if (!carried) {
        // on the JDK's scheduler the fiber's task only waits for the handle: wake it to end it
        // (its poll stores the context before it reads the handle, this reads it after)
        Context bound = carrier;
        if (bound != null) {
          bound.waker().wake();
        }
      }
    }
  }

  /** Interrupts the fiber's thread, for abort: its awaits and JDK blocking calls give up. */
  void interrupt() {
    Thread fiberThread = thread;
    if (fiberThread != null) {
      fiberThread.interrupt();
    }
  }

  /**
   * Waits in the fiber until {@code future} is ready: polls it with this fiber as waker, parks the
   * fiber's thread while it is pending.
   */
  <R> R await(Future<R> future) {
    return carried ? awaitHere(future, false) : awaitOn(runtime, future);
  }

  /**
   * Runs {@code future} as a task of {@code target} and waits in the fiber for its output, with
   * blockOn's exceptions: the future's own failure as it is (checked ones wrapped in a
   * CompletionException). Cancelling the fiber aborts the task.
   */
  <R> R awaitOn(Runtime target, Future<R> future) {
    checkCancelled(null, false);
    return awaitHere(target.spawn(future), true);
  }

  private <R> R awaitHere(Future<R> target, boolean spawned) {
    checkCancelled(null, false);
    awaitedTask = spawned && target instanceof RawTask<?> task ? task : null;
    while (true) {
      Poll<R> poll;
      try {
        poll = pollPinned(target);
      } catch (JoinException failed) {
        throw spawned ? unwrapSpawned(failed) : failed;
      } catch (RuntimeException unchecked) {
        throw unchecked;
      } catch (Exception checked) {
        throw new CompletionException(checked);
      }
      if (poll instanceof Poll.Ready<R>(R value)) {
        waitingIn = null;
        awaitedTask = null;
        return value;
      }
      if (budgetSpent) {
        budgetSpent = false;
        budget = CoopBudget.PER_POLL;
        Thread.yield();
      } else {
        LockSupport.park(this);
        budget =
            CoopBudget
                .PER_POLL; // the fiber gave up its worker (or was woken at once): a fresh budget
      }
      checkCancelled(target, spawned);
    }
  }

  /**
   * Polls {@code target} with the fiber pinned to its worker when the runtime carries it: the poll
   * runs the runtime's own code (channels, the reactor, the timer wheel), whose locks workers also
   * take, so a fiber must not unmount while waiting for or holding one (see the notes).
   */
  private <R> Poll<R> pollPinned(Future<R> target) throws Exception {
    if (!carried) {
      return target.poll(this);
    }
    FiberCarrier.pin();
    try {
      return target.poll(this);
    } finally {
      FiberCarrier.unpin();
    }
  }

  private static RuntimeException unwrapSpawned(JoinException failed) {
    Throwable cause = failed.getCause();
    if (failed.isCancelled()) {
      return new FiberCancelledException(
          "the awaited future was cancelled: " + failed.getMessage());
    }
    if (cause instanceof RuntimeException unchecked) {
      return unchecked;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new CompletionException(cause);
  }

  private void checkCancelled(Future<?> awaited, boolean spawned) {
    if (!Thread.currentThread().isInterrupted()) {
      return;
    }
    if (spawned && awaited instanceof JoinHandle<?> task) {
      task.abort(); // the task awaitOn spawned for this wait: nobody else wants it
    } else if (awaited != null) {
      if (carried) {
        FiberCarrier.pin();
      }
      try {
        awaited.drop();
      } finally {
        if (carried) {
          FiberCarrier.unpin();
        }
      }
    }
    throw new FiberCancelledException(
        "fiber "
            + handle.id()
            + (handle.cancelRequested() ? " was cancelled" : " was interrupted"));
  }

  // ---- Executor: the virtual thread's scheduler

  @Override
  public void execute(Runnable task) {
    continuation = task;
    int current = (int) SUBMISSION.getVolatile(this);
    while (true) {
      if ((current & ORPHANED) != 0) {
        ORPHANS.execute(task);
        return;
      }
      int witness = (int) SUBMISSION.compareAndExchange(this, current, current | SUBMITTED);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if (poller == Thread.currentThread()) {
      return; // inside this fiber's own poll: the poll runs it or re-queues the task
    }
    Context bound = carrier;
    if (bound != null) {
      bound.waker().wake();
    }
  }

  /** Clears SUBMITTED; true if it was set and the task is not orphaned. */
  private boolean takeSubmission() {
    int current = (int) SUBMISSION.getVolatile(this);
    while ((current & SUBMITTED) != 0 && (current & ORPHANED) == 0) {
      int witness = (int) SUBMISSION.compareAndExchange(this, current, current & ~SUBMITTED);
      if (witness == current) {
        return true;
      }
      current = witness;
    }
    return false;
  }

  // ---- Future: the carrier task

  @Override
  public Poll<Void> poll(Context cx) throws Exception {
    if (carrier != cx) {
      carrier = cx;
    }
    if (!carried) {
      return handle.isFinished() ? ended() : Poll.pending();
    }
    poller = Thread.currentThread();
    try {
      if (!started) {
        started = true;
        if (cx instanceof JoinHandle<?> task) {
          handle.bindTask(task); // the context a runtime polls with is the task itself
        }
        thread.start(); // submits at once: the submission is taken below
      }
      if (takeSubmission()) {
        continuation.run();
      }
    } finally {
      poller = null;
    }
    if (!thread.isAlive()) {
      return ended();
    }
    if ((submission & SUBMITTED) != 0) {
      cx.waker().wake(); // resubmitted during the run (a yield): to the back of the queue
    }
    return Poll.pending();
  }

  /**
   * The carrier task's outcome once the fiber ended: a failure nobody asked for is rethrown, so the
   * runtime reports it as an unjoined failure of a task (its policy: log, ignore, shutdown).
   */
  private Poll<Void> ended() throws Exception {
    Throwable unjoined = handle.unjoinedFailure();
    if (unjoined instanceof Exception exception) {
      throw exception;
    }
    if (unjoined instanceof Error error) {
      throw error;
    }
    if (unjoined != null) {
      throw new ExecutionException(unjoined);
    }
    return Poll.ready(null);
  }

  /**
   * The carrier task was dropped (its runtime shut down, or it was aborted): the fiber can no
   * longer run on its runtime. Its handle completes as cancelled now, so no joiner waits for a
   * runtime that is gone; the fiber is interrupted and unwinds on the orphan executor.
   */
  @Override
  public void drop() {
    handle.abort();
    handle.cancel();
    if (!carried) {
      return;
    }
    if (!started) {
      return; // the thread never ran: nothing to unwind
    }
    int previous = (int) SUBMISSION.getAndSet(this, ORPHANED);
    if ((previous & SUBMITTED) != 0) {
      ORPHANS.execute(continuation);
    }
  }

  // ---- Context and Waker: how the fiber polls what it awaits

  @Override
  public Waker waker() {
    return this;
  }

  @Override
  public void wake() {
    LockSupport.unpark(thread);
  }

  @Override
  public Driver driver() {
    return boundCarrier().driver();
  }

  @Override
  public void waitingIn(String leaf) {
    waitingIn = leaf;
  }

  /** The leaf the fiber waits in, or null; read without synchronisation by a task dump. */
  String leafForDump() {
    RawTask<?> task = awaitedTask;
    String inner = task == null ? null : task.leaf();
    return inner != null ? inner : waitingIn;
  }

  @Override
  public boolean consumeBudget() {
    if (--budget > 0) {
      return true;
    }
    budgetSpent = true;
    return false;
  }

  private Context boundCarrier() {
    Context bound = carrier;
    if (bound == null) {
      throw new IllegalStateException("fiber " + handle.id() + " has not been polled by a runtime");
    }
    return bound;
  }

  @Override
  public String toString() {
    return "Fiber[" + thread + "]"; // the thread says where it waits: VirtualThread[#n]/waiting
  }

  /** Where orphaned fibers unwind: platform threads, as a continuation needs. */
  private static final Executor ORPHANS = ForkJoinPool.commonPool();
}
