package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.AbstractRuntime;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.RuntimeThreads;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code minimal} runtime: one {@link SharedExecutor}, run by the callers of {@link #blockOn}
 * and by a fixed number of runner threads started at the first spawn, a {@link BlockingPool}, and
 * one {@link RuntimeDriver} (timers and reactor) that the executor's idle threads drive.
 */
final class MinimalRuntime extends AbstractRuntime {
  /*
   * Implementation notes: smol's global executor (smol::spawn + SMOL_THREADS) as an instance.
   *
   * Lifecycle (AbstractRuntime's, with these hooks): worker threads are started under
   * lifecycleLock(), only while not shut down, so shutdown() sees every thread ever started in
   * `workers` and no thread starts after it. shutdown closes the executor (its runner threads
   * leave, every alive task is cancelled), then the blocking pool, then the driver;
   * shutdown(timeout) then joins the runner threads and the fallback thread and awaits the pool
   * with one deadline.
   *
   * Timers and I/O: one RuntimeDriver on the configured clock, driven by the executor's threads
   * (see SharedDriver): the blockOn caller or runner that has nothing to run waits in it, and a
   * fallback thread, started when the last thread leaves the executor while tasks are alive,
   * drives it while no thread runs the executor. shutdown closes it after the executor: futures
   * waiting on I/O fail with "reactor closed", the fallback thread ends. The fallback thread may be
   * the one calling shutdown(timeout): it does not wait for itself (it ends right after).
   *
   * A caller of blockOn is entered as a WORKER of this runtime for the call (AbstractRuntime), so
   * Runtime.current() works in the tasks it polls and blocking calls (join, a nested blockOn) fail
   * there.
   *
   * Fields: `workers` written under lifecycleLock(); it is replaced, never mutated, and volatile
   * for the lock-free reads on the spawn path.
   */
  private final SharedExecutor executor;
  private final SharedDriver drive;
  private final int workerCount;
  private final String threadNamePrefix;
  private volatile List<Thread> workers = List.of();

  MinimalRuntime(
      int workerCount,
      int blockingMaxThreads,
      Duration keepAlive,
      String threadNamePrefix,
      boolean pausedClock,
      UnjoinedFailureHandler unjoinedFailureHandler) {
    super(
        MinimalRuntimeProvider.KIND,
        pausedClock ? new PausedClock() : Clock.system(),
        threadNamePrefix,
        blockingMaxThreads,
        keepAlive,
        unjoinedFailureHandler);
    this.workerCount = workerCount;
    this.threadNamePrefix = threadNamePrefix;
    RuntimeDriver driver = new RuntimeDriver(clock());
    BlockingPool pool = blocking();
    this.executor =
        new SharedExecutor(
            MinimalRuntimeProvider.KIND,
            state ->
                new SharedDriver(
                    driver, state, () -> pool.aliveTasks() == 0, threadNamePrefix + "driver"),
            unjoinedFailures());
    this.drive = executor.state().drive();
  }

  @Override
  protected <T> JoinHandle<T> spawnTask(Future<T> future) {
    if (isShutdown()) {
      throw closed("spawn");
    }
    if (workers.size() < workerCount) {
      startWorkers();
    }
    return executor.spawn(future);
  }

  private void startWorkers() {
    synchronized (lifecycleLock()) {
      if (isShutdown() || workers.size() == workerCount) {
        return;
      }
      List<Thread> started = new ArrayList<>(workerCount);
      for (int i = 0; i < workerCount; i++) {
        Thread thread =
            Thread.ofPlatform()
                .daemon()
                .name(threadNamePrefix + "worker-" + i)
                .unstarted(this::runWorker);
        thread.start();
        started.add(thread);
      }
      workers = List.copyOf(started);
    }
  }

  private void runWorker() {
    CurrentRuntime.Scope scope = CurrentRuntime.enter(this, CurrentRuntime.Role.WORKER);
    try {
      executor.runUntilClosed();
    } finally {
      scope.close();
    }
  }

  @Override
  protected <T> T runBlockOn(Future<T> future) {
    return executor.runOnCaller(future, "Runtime.blockOn()");
  }

  @Override
  public RuntimeMetrics metrics() {
    return new MinimalMetrics(
        executor, blocking(), drive.driver(), () -> workers.size(), unjoinedFailures());
  }

  @Override
  protected void stopTasks() {
    executor.close();
  }

  @Override
  protected void afterBlockingShutdown() {
    drive.close();
  }

  @Override
  protected void censusTasks(TaskCensus census) {
    executor.state().censusTo(census);
  }

  @Override
  protected List<Thread> threads() {
    List<Thread> threads = new ArrayList<>(workers);
    threads.add(drive.fallbackThread());
    return threads;
  }

  /**
   * Joins the runner threads, then the fallback thread unless it is the caller (it ends right
   * after).
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if every thread ended in time
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  protected boolean awaitThreads(long deadlineNanos) throws InterruptedException {
    Thread fallback = drive.fallbackThread();
    if (fallback == Thread.currentThread()) {
      fallback = null;
    }
    return RuntimeThreads.join(workers, deadlineNanos)
        && RuntimeThreads.join(Collections.singletonList(fallback), deadlineNanos);
  }

  @Override
  public String toString() {
    return "MinimalRuntime[workers="
        + workerCount
        + ", runners="
        + executor.runners()
        + (isShutdown() ? ", shut down]" : "]");
  }
}
