package dev.gearbox.minimal;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.sched.Parker;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * A single-threaded executor confined to the thread that created it, after smol's {@code
 * LocalExecutor}: its tasks are spawned and polled only on that owner thread, so their futures need
 * not be thread-safe. Wakers may be woken from any thread; the owner runs the woken task the next
 * time it runs the executor.
 *
 * <pre>{@code
 * LocalExecutor local = new LocalExecutor();
 * JoinHandle<String> greeting = local.spawn(cx -> Poll.ready("hello"));
 * String text = local.run(greeting);
 * }</pre>
 *
 * <p>Tasks run only while the owner is inside {@link #run}. An abort from another thread completes
 * the handle at once and drops a waiting task's future on the aborting thread, after the owner's
 * last poll of it (the task state's handover makes the owner's writes visible there).
 */
public final class LocalExecutor implements AutoCloseable {
  /*
   * Implementation notes: after smol's LocalExecutor. Confinement is checked by thread identity on
   * every entry point that touches futures (spawn, run, close), so each future is polled and
   * dropped by the owner only; the one exception is abort() from another thread (RawTask drops on
   * the aborting thread), stated in the class comment. The run loop polls the main future when its
   * waker fired, else runs one queued task, else parks on `parker`; see LocalScheduler for why no
   * wake is lost. Each of those polls starts with the shared cooperative budget
   * (CoopBudget.PER_POLL), which the scheduler keeps, so a task looping over ready futures yields
   * here as on a runtime. Nested run() on the owner is refused (CurrentExecutor), since it would stop the outer one.
   *
   * Fields: `owner`, `parker`, `scheduler` final; `polls` and `closed` owner thread only.
   */
  private final Thread owner;
  private final Parker parker = new Parker(Thread.currentThread());
  private final LocalScheduler scheduler = new LocalScheduler(parker);
  private long polls;
  private boolean closed;

  /** Creates an executor owned by the calling thread. */
  public LocalExecutor() {
    this.owner = Thread.currentThread();
  }

  /**
   * The thread this executor is confined to.
   *
   * @return the owner thread
   */
  public Thread owner() {
    return owner;
  }

  /**
   * Spawns {@code future} as a task that runs on the owner thread when it runs the executor.
   *
   * @param future the future to run; only ever touched by the owner thread
   * @param <T> its output type
   * @return the task's handle, which any thread may await, join or abort
   * @throws NullPointerException if {@code future} is null
   * @throws IllegalStateException if called from a thread other than the owner
   * @throws RuntimeClosedException if the executor is closed
   */
  public <T> JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    checkOwner("spawn");
    if (closed) {
      throw new RuntimeClosedException("local executor", "spawn");
    }
    RawTask<T> task = new RawTask<>(future, scheduler);
    if (!scheduler.owned.bind(task)) {
      throw new RuntimeClosedException("local executor", "spawn");
    }
    scheduler.schedule(task);
    return task;
  }

  /**
   * Runs this executor's tasks on the owner thread until {@code future} completes, and returns its
   * output; parks when nothing is ready. Interrupts do not stop the wait; the interrupt status is
   * kept.
   *
   * @param future the future to wait for, polled on the owner thread
   * @param <T> its output type
   * @return the output of {@code future}
   * @throws NullPointerException if {@code future} is null
   * @throws IllegalStateException if called from a thread other than the owner, or on a thread that
   *     polls tasks (of a runtime or an executor)
   * @throws RuntimeClosedException if the executor is closed
   * @throws CompletionException wrapping a checked exception the future threw; unchecked exceptions
   *     are thrown as they are
   */
  public <T> T run(Future<T> future) {
    Objects.requireNonNull(future, "future");
    checkOwner("run");
    CurrentRuntime.checkMayBlock("LocalExecutor.run()");
    if (closed) {
      throw new RuntimeClosedException("local executor", "run");
    }
    CurrentExecutor.enter(this, "LocalExecutor.run()");
    try {
      MainFutureWaker waker = new MainFutureWaker(parker);
      Context cx = scheduler.mainContext(waker);
      while (true) {
        if (waker.consumeWake()) {
          scheduler.startPoll();
          if (pollMain(future, cx) instanceof Poll.Ready<T>(T value)) {
            return value;
          }
        }
        RawTask<?> task = scheduler.poll();
        if (task != null) {
          scheduler.startPoll();
          if (task.run()) {
            polls++;
          }
        } else if (!waker.isWoken()) {
          parker.park();
        }
      }
    } finally {
      CurrentExecutor.exit();
      parker.restoreInterrupt();
    }
  }

  private static <T> Poll<T> pollMain(Future<T> main, Context cx) {
    try {
      return main.poll(cx);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /**
   * Refuses new tasks and cancels every task that has not completed, dropping their futures on the
   * owner thread. Idempotent.
   *
   * @throws IllegalStateException if called from a thread other than the owner
   */
  @Override
  public void close() {
    checkOwner("close");
    closed = true;
    scheduler.owned.closeAndCancelAll();
  }

  /**
   * Tasks spawned and not yet complete.
   *
   * @return the alive task count
   */
  public long aliveTasks() {
    return scheduler.owned.alive();
  }

  /**
   * Polls of tasks so far. Owner thread only, as the count is not synchronized.
   *
   * @return the poll count
   */
  public long polls() {
    checkOwner("polls");
    return polls;
  }

  private void checkOwner(String operation) {
    Thread caller = Thread.currentThread();
    if (caller != owner) {
      throw new IllegalStateException(
          "LocalExecutor."
              + operation
              + "() called on thread "
              + describe(caller)
              + ", but this executor is confined to its owner thread "
              + describe(owner)
              + "; call it on the owner, or use SharedExecutor for tasks that may run on any thread");
    }
  }

  private static String describe(Thread thread) {
    return "'" + thread.getName() + "' (id " + thread.threadId() + ")";
  }

  @Override
  public String toString() {
    return "the tasks of a LocalExecutor owned by " + describe(owner);
  }
}
