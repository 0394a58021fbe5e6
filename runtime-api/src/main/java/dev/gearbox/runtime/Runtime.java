package dev.gearbox.runtime;

import dev.gearbox.future.Future;
import dev.gearbox.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * An async runtime: it polls spawned futures to completion on its own threads (or the caller's),
 * and runs blocking work on a pool beside them. Every Gearbox runtime implements this interface, so
 * code written against it runs unchanged on each. Create one with {@link Runtimes#create()}.
 *
 * <p>Shutdown follows Tokio: {@link #shutdown()} stops accepting work and cancels every task that
 * has not completed; their handles complete as cancelled, so no caller waits forever. Blocking
 * tasks that already started run to the end; those not started are cancelled. A thread inside
 * {@link #blockOn} whose future has not completed is woken and throws {@link
 * RuntimeClosedException}. {@link #close()} shuts down and waits until every thread of the runtime
 * has ended.
 *
 * <p>Shutting down from one of the runtime's own threads (inside a task, a {@code spawnBlocking}
 * call, or a future that {@code blockOn} polls) works as Tokio's {@code shutdown_background}: the
 * calling thread cannot wait for itself to end, so {@link #close()} shuts down and returns without
 * waiting, and {@link #shutdown(Duration)} waits for the runtime's other threads and returns false.
 * The runtime terminates once the calling task or blocking call returns.
 */
public interface Runtime extends AutoCloseable {

  /**
   * The kind of this runtime, as named in configuration ({@code minimal}, {@code workstealing}, …).
   *
   * @return the kind
   */
  String kind();

  /**
   * The name of this runtime, unique among the runtimes of this JVM: what its MXBean and its
   * exported metrics are tagged with. The default is the kind; runtimes built on {@code
   * AbstractRuntime} are named after their thread name prefix and a number, such as {@code
   * gearbox-workstealing#1}.
   *
   * @return the name
   */
  default String name() {
    return kind();
  }

  /**
   * Spawns {@code future} as a new task. The task starts without waiting for the handle to be
   * awaited.
   *
   * @param future the future to run
   * @param <T> its output type
   * @return the task's handle
   * @throws NullPointerException if {@code future} is null
   * @throws RuntimeClosedException if the runtime is shut down
   */
  <T> JoinHandle<T> spawn(Future<T> future);

  /**
   * Spawns {@code future} as a new task named {@code name}, as {@link #spawn(Future)} does. The
   * name is shown in task dumps ({@link #dumpTasks()}, JMX); it costs one small object per spawn
   * and need not be unique.
   *
   * @param name the task's name: 1 to 200 characters, not all white space, without control
   *     characters
   * @param future the future to run
   * @param <T> its output type
   * @return the task's handle
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name breaks that rule
   * @throws RuntimeClosedException if the runtime is shut down
   */
  <T> JoinHandle<T> spawn(String name, Future<T> future);

  /**
   * Spawns {@code body} as a fiber of this runtime: a virtual thread whose scheduler is this
   * runtime, so it reads straight down ({@code Fiber.await(future)}, {@code Fiber.sleep}, JDK
   * blocking calls park the fiber, not a worker) while the runtime decides where and when it runs.
   * The fiber is one task of the runtime: it counts as alive, shutdown cancels it. Costs a virtual
   * thread and its task; a resume costs one task poll and allocates nothing.
   *
   * <p>Without {@code --add-opens java.base/java.lang=dev.gearbox.api --add-exports
   * java.base/jdk.internal.vm=dev.gearbox.api} ({@code ALL-UNNAMED} on the class path) the fiber
   * runs on the JDK's default virtual-thread scheduler instead, with one WARNING logged; see {@code
   * dev.gearbox.fiber.Fiber#carrier()}.
   *
   * @param body the fiber's code; what it returns or throws completes the handle
   * @param <T> its result type
   * @return the fiber's handle: joins, awaits and aborts as a task's
   * @throws NullPointerException if {@code body} is null
   * @throws RuntimeClosedException if the runtime is shut down
   */
  <T> JoinHandle<T> spawnFiber(Callable<T> body);

  /**
   * Spawns {@code body} as a fiber named {@code name}, as {@link #spawnFiber(Callable)} does. The
   * name is the task's in task dumps and the virtual thread's in thread dumps.
   *
   * @param name the fiber's name: 1 to 200 characters, not all white space, without control
   *     characters
   * @param body the fiber's code; what it returns or throws completes the handle
   * @param <T> its result type
   * @return the fiber's handle
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name breaks that rule
   * @throws RuntimeClosedException if the runtime is shut down
   */
  <T> JoinHandle<T> spawnFiber(String name, Callable<T> body);

  /**
   * Runs {@code future} to completion, blocking the calling thread, and returns its output. While
   * it waits, the runtime's other tasks keep running. Not for use inside a task: there it fails,
   * since it would block the thread that polls the task. If the runtime shuts down before the
   * future completes, the call ends promptly with {@link RuntimeClosedException} (the future is not
   * polled again), as a task is cancelled at shutdown.
   *
   * @param future the future to run
   * @param <T> its output type
   * @return the output
   * @throws IllegalStateException if called from inside a task of any runtime
   * @throws RuntimeClosedException if the runtime is shut down, or shuts down before the future
   *     completes
   * @throws java.util.concurrent.CompletionException wrapping a checked exception the future threw;
   *     unchecked exceptions are thrown as they are
   */
  <T> T blockOn(Future<T> future);

  /**
   * Runs {@code task} on the blocking pool, a set of threads beside the async workers meant for
   * blocking calls (files, JDBC, locks). Once started it runs to the end; abort only stops a task
   * that has not started.
   *
   * @param task the blocking work
   * @param <T> its result type
   * @return the task's handle
   * @throws RuntimeClosedException if the runtime is shut down
   */
  <T> JoinHandle<T> spawnBlocking(Callable<T> task);

  /**
   * The clock this runtime's timers measure: the system clock, or a paused clock for tests (see
   * {@code gearbox.time.paused}), which only moves when advanced or when every task waits on a
   * timer.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * A live view of this runtime's counters.
   *
   * @return the metrics
   */
  RuntimeMetrics metrics();

  /**
   * A dump of this runtime's live tasks and fibers, listing the first {@link
   * TaskDump#DEFAULT_LIMIT}; see {@link #dumpTasks(int)}.
   *
   * @return the dump
   */
  default TaskDump dumpTasks() {
    return dumpTasks(TaskDump.DEFAULT_LIMIT);
  }

  /**
   * A dump of this runtime's live tasks and fibers (its {@code spawnBlocking} tasks included): each
   * task's id, state, the leaf future it waits in, its age, the worker polling it, and where it was
   * spawned when {@code gearbox.spawnSite} is on; counts of all of them by state and by leaf. Taken
   * while the runtime runs, without stopping it (a task that changes state meanwhile is seen in one
   * of its states). Costs one walk over the live tasks and memory for at most {@code limit} of
   * them, whatever their number; safe to call from any thread, a task's included.
   *
   * @param limit the most tasks to list (all are counted), at least 0
   * @return the dump
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  TaskDump dumpTasks(int limit);

  /**
   * Stops accepting work and cancels every task that has not completed; returns without waiting.
   * Idempotent.
   */
  void shutdown();

  /**
   * Shuts down as {@link #shutdown()} and waits up to {@code timeout} for every thread of the
   * runtime to end. If the calling thread is interrupted it stops waiting, keeps its interrupt flag
   * and returns false. Called on one of the runtime's own threads (a task, a {@code spawnBlocking}
   * call, a future inside {@code blockOn}), it waits for the runtime's other threads only and
   * returns false: the runtime cannot terminate while the caller still runs on it.
   *
   * @param timeout the longest time to wait
   * @return true if the runtime terminated within the timeout; false on one of its own threads
   */
  boolean shutdown(Duration timeout);

  /**
   * Whether {@link #shutdown()} was called.
   *
   * @return true once shut down
   */
  boolean isShutdown();

  /**
   * Whether the runtime is shut down and all its threads have ended.
   *
   * @return true once terminated
   */
  boolean isTerminated();

  /**
   * Shuts down and waits until every thread of the runtime has ended (a blocking task that never
   * returns makes this wait forever; use {@link #shutdown(Duration)} to bound it). If the calling
   * thread is interrupted it stops waiting and keeps its interrupt flag. Called on one of the
   * runtime's own threads (a task, a {@code spawnBlocking} call, a future inside {@code blockOn}),
   * it shuts down and returns without waiting, as Tokio's {@code shutdown_background}: the
   * runtime's threads end once the caller's task or blocking call returns.
   */
  @Override
  default void close() {
    if (CurrentRuntime.get() == this) {
      shutdown(); // a thread of this runtime cannot wait for itself to end
      return;
    }
    while (!shutdown(Duration.ofSeconds(1))) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /**
   * The runtime that polls the current task, or owns the current thread (a worker, a blocking-pool
   * thread, a thread inside {@code blockOn}).
   *
   * @return the current runtime
   * @throws IllegalStateException if the current thread belongs to no runtime
   */
  static Runtime current() {
    Runtime runtime = CurrentRuntime.get();
    if (runtime == null) {
      throw new IllegalStateException(
          "no Gearbox runtime on thread '"
              + Thread.currentThread().getName()
              + "': Runtime.current() works inside tasks, blockOn and spawnBlocking");
    }
    return runtime;
  }

  /**
   * As {@link #current()}, empty when the current thread belongs to no runtime.
   *
   * @return the current runtime, if any
   */
  static Optional<Runtime> tryCurrent() {
    return Optional.ofNullable(CurrentRuntime.get());
  }
}
