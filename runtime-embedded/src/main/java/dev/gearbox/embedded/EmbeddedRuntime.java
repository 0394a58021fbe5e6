package dev.gearbox.embedded;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.AbstractRuntime;
import dev.gearbox.spi.BindOnWaitScheduler;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.OwnedTasks;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code embedded} runtime: one {@link EmbeddedExecutor} on its own thread, waiting in a {@link
 * RuntimeDriver} (timers and reactor) when idle; spawned futures are {@link EmbeddedTask}s counted
 * against a pool of {@code gearbox.embedded.poolSize}; a {@link BlockingPool} for {@code
 * spawnBlocking}.
 */
final class EmbeddedRuntime extends AbstractRuntime implements BindOnWaitScheduler {
  /*
   * Implementation notes: the pool of the Runtime API is a count of the alive spawned tasks
   * (TaskCounts), not a set of reused objects: the task is its own JoinHandle, and a handle
   * outlives its task, so each spawn makes one EmbeddedTask, as every runtime does. A spawn
   * reserves its slot with a CAS before the task is made (so racing spawns from any thread, the
   * executor's included, never pass the pool size, and a refused spawn allocates nothing); the
   * slot comes back in release, which RawTask calls exactly once when the task completes, fails
   * or is cancelled. A spawn that raced with shutdown and cancels its own task gives the slot back
   * the same way.
   *
   * Which tasks `owned` holds: only waiting ones (as the work-stealing runtime): a task is bound
   * when it first returns Pending with no wake pending (beforeWait), since only then is it in no
   * run queue and not inside a poll. A task that finishes in its first poll, or only yields, never
   * touches the set's lock. Every other alive task is queued on the executor or inside its poll.
   *
   * blockOn runs its future as a task of the executor, not in the pool, and waits for it. While it
   * waits it is in `owned` as a spawned task is, so shutdown cancels it and the caller throws
   * RuntimeClosedException (as every runtime's blockOn does at shutdown). The executor thread
   * keeps running after shutdown while `blockOns` > 0 (DriverIdleStep.keepRunningAfterClose), so
   * a blockOn task queued at shutdown (or re-queued by a wake, and so never in `owned`) is taken
   * and cancelled by the closed executor. `blockOns` is incremented before `shutdown` is read, so a
   * blockOn that was let in is seen by the executor.
   *
   * blockOn overrides AbstractRuntime's: the caller is not entered as a worker (it only waits for
   * the task, on the executor thread, that polls the future). It watches the task for up to
   * `blockOnSpinMicros` before it parks: a park and the executor's unpark cost two system calls,
   * and waking an idle core costs from a few to tens of microseconds on a virtual machine, which a
   * caller looping over short blockOns would otherwise pay on every call. The executor itself
   * never spins.
   *
   * Lifecycle (AbstractRuntime's, with these hooks): spawns after shutdown fail; `owned` is closed
   * and cancels every waiting task (stopTasks); from then on a task that would wait is cancelled
   * instead (beforeWait refuses). After the blocking pool, the executor closes: from then on it
   * cancels what it takes from its run queue (TaskNode.abandoned) instead of polling it, and its
   * loop ends. Only the executor thread closes the driver, after its loop: a poll in progress at
   * shutdown never meets a closed reactor, which would fail the task with "reactor closed" in
   * place of its cancellation. A spawn
   * from another thread that raced with shutdown pushes its task, then reads whether the loop
   * ended (EmbeddedExecutor.hasEnded): either the loop's drain sees the task or the spawner cancels it.
   */
  private final int poolSize;
  private final long blockOnSpinNanos;
  private final RuntimeDriver driver;
  private final OwnedTasks owned = new OwnedTasks();
  private final TaskCounts counts;
  private final AtomicInteger blockOns = new AtomicInteger();
  private final EmbeddedExecutor executor;
  private final Thread thread;

  EmbeddedRuntime(
      int poolSize,
      int priority,
      int blockOnSpinMicros,
      int blockingMaxThreads,
      Duration keepAlive,
      String threadNamePrefix,
      boolean pausedClock,
      UnjoinedFailureHandler unjoinedFailureHandler) {
    super(
        EmbeddedRuntimeProvider.KIND,
        pausedClock ? new PausedClock() : Clock.system(),
        threadNamePrefix,
        blockingMaxThreads,
        keepAlive,
        unjoinedFailureHandler);
    this.poolSize = poolSize;
    this.counts = new TaskCounts(poolSize);
    // on one core the watching caller would only hold up the executor it waits for
    boolean cores = java.lang.Runtime.getRuntime().availableProcessors() > 1;
    this.blockOnSpinNanos = cores ? blockOnSpinMicros * 1_000L : 0;
    this.driver = new RuntimeDriver(clock());
    ClockTimeDriver time = new ClockTimeDriver(clock());
    DriverIdleStep idle = new DriverIdleStep(driver, time, blocking(), blockOns);
    this.executor = new EmbeddedExecutor(threadNamePrefix + "executor", time, idle, driver);
    idle.bind(executor);
    this.thread =
        new EmbeddedThread(
            this, executor, threadNamePrefix + "executor", priority, this::runExecutor);
    thread.start();
  }

  private void runExecutor() {
    CurrentRuntime.Scope scope = CurrentRuntime.enter(this, CurrentRuntime.Role.WORKER);
    try {
      executor.run();
    } finally {
      scope.close();
      driver.close();
    }
  }

  @Override
  protected <T> JoinHandle<T> spawnTask(Future<T> future) {
    if (isShutdown()) {
      throw closed("spawn");
    }
    boolean onExecutor = Thread.currentThread() == thread;
    if (!counts.tryReserve(onExecutor)) {
      throw new SpawnError(
          EmbeddedRuntimeProvider.POOL_SIZE.name(),
          poolSize,
          "raise " + EmbeddedRuntimeProvider.POOL_SIZE.name() + " (now " + poolSize + ")");
    }
    EmbeddedTask<T> task = new EmbeddedTask<>(future, this, false);
    executor.enqueueRuntimeTask(task);
    if (!onExecutor && executor.hasEnded()) {
      task.abort(); // the loop ended before it could see the task: see the notes
    }
    return task;
  }

  @Override
  public <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    CurrentRuntime.checkMayBlock("Runtime.blockOn()");
    blockOns.incrementAndGet();
    if (isShutdown()) {
      blockOns.decrementAndGet();
      throw closed("blockOn");
    }
    return runBlockOn(future);
  }

  /**
   * Runs {@code future} as a task of the executor, not counted in the pool, and waits for it.
   *
   * @param future the future, not null
   * @param <T> the output type
   * @return the future's output
   */
  @Override
  protected <T> T runBlockOn(Future<T> future) {
    EmbeddedTask<T> task = new EmbeddedTask<>(future, this, true);
    executor.enqueueRuntimeTask(task);
    spinBriefly(task);
    try {
      return task.join();
    } catch (JoinException failed) {
      if (failed.isCancelled()) {
        throw closed("blockOn"); // only shutdown cancels it: nobody else holds the task
      }
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    }
  }

  /**
   * Watches {@code task} for up to {@code gearbox.embedded.blockOnSpinMicros} before the caller
   * parks in join: a future done by then returns without a park of this thread and without the
   * executor's unpark of it, two system calls and a wake-up of an idle core.
   */
  private void spinBriefly(EmbeddedTask<?> task) {
    if (blockOnSpinNanos == 0) {
      return;
    }
    long start = System.nanoTime();
    while (!task.isFinished() && System.nanoTime() - start < blockOnSpinNanos) {
      Thread.onSpinWait();
    }
  }

  // ---- TaskScheduler of the spawned tasks

  @Override
  public void schedule(RawTask<?> task) {
    executor.enqueueRuntimeTask((TaskNode) task);
  }

  @Override
  public OwnedTasks owned() {
    return owned;
  }

  @Override
  public void afterRelease(RawTask<?> task) {
    if (((EmbeddedTask<?>) task).isBlockOn()) {
      if (blockOns.decrementAndGet() == 0 && isShutdown()) {
        executor.close(); // wakes the executor so that it ends
      }
      return;
    }
    counts.finished();
  }

  /** A blockOn task is joined by its caller, who may start waiting after it failed. */
  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    if (!((EmbeddedTask<?>) task).isBlockOn()) {
      unjoinedFailures().report(task, failure);
    }
  }

  @Override
  public RuntimeDriver driver() {
    return driver;
  }

  @Override
  public boolean consumeBudget() {
    return executor.consumeBudget();
  }

  // ---- lifecycle

  @Override
  public RuntimeMetrics metrics() {
    return new EmbeddedMetrics(counts, blocking(), driver, executor, poolSize, unjoinedFailures());
  }

  @Override
  protected void stopTasks() {
    owned.closeAndCancelAll();
  }

  @Override
  protected void afterBlockingShutdown() {
    executor.close(); // the executor thread closes the driver when its loop ends: see the notes
  }

  @Override
  protected void censusTasks(TaskCensus census) {
    TaskWalk.census(owned, executor, poolSize, census);
  }

  /** The runtime's executor; for tests in this package. */
  EmbeddedExecutor executor() {
    return executor;
  }

  @Override
  protected List<Thread> threads() {
    return List.of(thread);
  }

  @Override
  public String toString() {
    return "EmbeddedRuntime[poolSize=" + poolSize + (isShutdown() ? ", shut down]" : "]");
  }
}
