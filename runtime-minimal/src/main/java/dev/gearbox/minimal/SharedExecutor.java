package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.UnjoinedFailures;
import java.util.Objects;
import java.util.function.Function;

/**
 * A multi-threaded executor with no threads of its own, after smol's {@code async-executor}: tasks
 * run on the threads that call {@link #run}. Any number of threads may run it at once; each takes
 * tasks from its own bounded queue, then from a global queue, then steals from the others. A thread
 * that finds no work parks until there is some, so an idle executor uses no CPU.
 *
 * <pre>{@code
 * SharedExecutor executor = new SharedExecutor();
 * JoinHandle<Integer> answer = executor.spawn(cx -> Poll.ready(42));
 * int value = executor.run(answer); // runs tasks on this thread until answer completes
 * }</pre>
 *
 * <p>Spawned tasks wait in the queues until some thread runs the executor; {@link
 * JoinHandle#join()} from a thread that does not run it waits for the others to do so.
 *
 * <p>Timers and I/O: an executor made with {@code new SharedExecutor()} has none, so time and
 * socket futures fail in its tasks ("no timer in this context"); the executor of a {@code minimal}
 * {@link dev.gearbox.runtime.Runtime} has its runtime's, driven by the threads that run it.
 *
 * <p>Thread-safe. {@link #close()} cancels every task that has not completed.
 *
 * <p>smol calls it {@code Executor}; here it is named for what sets it apart from {@link
 * LocalExecutor} (shared by any number of threads, not confined to one), and apart from {@link
 * java.util.concurrent.Executor} and {@code runtime-embedded}'s {@code EmbeddedExecutor}.
 */
public final class SharedExecutor implements AutoCloseable {
  private final ExecutorState state;

  /** Creates an executor with no tasks and no runners. */
  public SharedExecutor() {
    this("executor");
  }

  /** Creates an executor named {@code label} in exception messages, without timers and I/O. */
  SharedExecutor(String label) {
    this(label, null);
  }

  /**
   * Creates an executor named {@code label} whose runners drive the timers and reactor that {@code
   * drive} makes for it.
   */
  SharedExecutor(String label, Function<ExecutorState, SharedDriver> drive) {
    this(label, drive, null);
  }

  /**
   * As {@link #SharedExecutor(String, Function)}, reporting failures of tasks nobody joined to
   * {@code failures} (a runtime's), or logging them when it is null.
   */
  SharedExecutor(
      String label, Function<ExecutorState, SharedDriver> drive, UnjoinedFailures failures) {
    this.state = new ExecutorState(label, drive, failures);
  }

  /**
   * Spawns {@code future} as a task of this executor. It runs when a thread runs the executor.
   * Costs one allocation (the task) and, when a runner sleeps, one unpark.
   *
   * @param future the future to run; it may be polled on any thread that runs the executor, one
   *     thread at a time
   * @param <T> its output type
   * @return the task's handle
   * @throws NullPointerException if {@code future} is null
   * @throws RuntimeClosedException if the executor is closed
   */
  public <T> JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    return state.spawn(future);
  }

  /**
   * Runs this executor's tasks on the calling thread until {@code future} completes, and returns
   * its output. The future is polled on this thread, between tasks, whenever its waker fires.
   * Interrupts do not stop the wait; the thread's interrupt status is kept.
   *
   * @param future the future to wait for
   * @param <T> its output type
   * @return the output of {@code future}
   * @throws NullPointerException if {@code future} is null
   * @throws IllegalStateException if the calling thread is inside a task, polls tasks of a runtime,
   *     or already runs an executor: it would block that work
   * @throws RuntimeClosedException if the executor is closed
   * @throws java.util.concurrent.CompletionException wrapping a checked exception the future threw;
   *     unchecked exceptions are thrown as they are
   */
  public <T> T run(Future<T> future) {
    Objects.requireNonNull(future, "future");
    CurrentRuntime.checkMayBlock("SharedExecutor.run()");
    if (state.isClosed()) {
      throw new RuntimeClosedException(state.label(), "run");
    }
    return new Runner(state).run(future, "SharedExecutor.run()", false);
  }

  /**
   * Runs tasks on the calling thread until the executor is closed; for the threads a runtime
   * starts. The caller has entered the thread into its runtime.
   */
  void runUntilClosed() {
    new Runner(state).run(null, "a runtime worker", true);
  }

  /**
   * Runs tasks on the calling thread until {@code future} completes, without the checks of {@link
   * #run}; for a runtime's {@code blockOn}, which has made them. Unlike {@link #run}, the call ends
   * with {@link RuntimeClosedException} if the executor closes before {@code future} completes.
   */
  <T> T runOnCaller(Future<T> future, String operation) {
    return new Runner(state).run(future, operation, true);
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return state.isClosed();
  }

  /**
   * Refuses new tasks and cancels every task that has not completed: tasks waiting between polls
   * complete as cancelled at once (their futures are dropped on the calling thread); a task inside
   * a poll completes as cancelled when that poll returns. Threads inside {@link #run} go on waiting
   * for their own futures. Idempotent.
   */
  @Override
  public void close() {
    state.close();
  }

  /**
   * The number of threads running this executor now.
   *
   * @return the runner count
   */
  public int runners() {
    return state.runners().length;
  }

  ExecutorState state() {
    return state;
  }

  @Override
  public String toString() {
    return "SharedExecutor[" + state.label() + ", runners=" + runners() + "]";
  }
}
