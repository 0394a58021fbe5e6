package dev.gearbox.minimal;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.CurrentRuntime;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.RuntimeThreads;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code minimal} runtime: one {@link Executor}, run by the callers of {@link #blockOn} and by
 * a fixed number of runner threads started at the first spawn, a {@link BlockingPool}, and one
 * {@link RuntimeDriver} (timers and reactor) that the executor's idle threads drive.
 */
final class MinimalRuntime implements Runtime {
  /*
   * Implementation notes: smol's global executor (smol::spawn + SMOL_THREADS) as an instance.
   *
   * Lifecycle: `shutdown` is set once under `lifecycleLock`; worker threads are started under the
   * same lock, only while not shut down, so shutdown() sees every thread ever started in `workers`
   * and no thread starts after it. shutdown closes the executor (its runner threads leave, every
   * alive task is cancelled) and the blocking pool; shutdown(timeout) then joins the runner
   * threads and awaits the pool with one deadline.
   *
   * Timers and I/O: one RuntimeDriver on the configured clock, driven by the executor's threads
   * (see SharedDriver): the blockOn caller or runner that has nothing to run waits in it, and a
   * fallback thread, started when the last thread leaves the executor while tasks are alive,
   * drives it while no thread runs the executor. shutdown closes it after the executor: futures
   * waiting on I/O fail with "reactor closed", the fallback thread ends.
   *
   * A caller of blockOn is entered as a WORKER of this runtime for the call, so Runtime.current()
   * works in the tasks it polls and blocking calls (join, a nested blockOn) fail there.
   *
   * Fields: `workers` and `shutdown` written under `lifecycleLock`; `workers` is replaced, never
   * mutated, and both are volatile for the lock-free reads on the spawn path.
   */
  private final Clock clock;
  private final Executor executor;
  private final SharedDriver drive;
  private final BlockingPool blocking;
  private final int workerCount;
  private final String threadNamePrefix;
  private final Object lifecycleLock = new Object();
  private volatile List<Thread> workers = List.of();
  private volatile boolean shutdown;

  MinimalRuntime(
      int workerCount,
      int blockingMaxThreads,
      Duration keepAlive,
      String threadNamePrefix,
      boolean pausedClock) {
    this.workerCount = workerCount;
    this.threadNamePrefix = threadNamePrefix;
    this.clock = pausedClock ? new PausedClock() : Clock.system();
    this.blocking =
        new BlockingPool(this, threadNamePrefix + "blocking-", blockingMaxThreads, keepAlive);
    RuntimeDriver driver = new RuntimeDriver(clock);
    BlockingPool pool = blocking;
    this.executor =
        new Executor(
            MinimalRuntimeProvider.KIND,
            state ->
                new SharedDriver(
                    driver, state, () -> pool.aliveTasks() == 0, threadNamePrefix + "driver"));
    this.drive = executor.state().drive();
  }

  @Override
  public String kind() {
    return MinimalRuntimeProvider.KIND;
  }

  @Override
  public <T> JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    if (shutdown) {
      throw new RuntimeClosedException(kind(), "spawn");
    }
    if (workers.size() < workerCount) {
      startWorkers();
    }
    return executor.spawn(future);
  }

  private void startWorkers() {
    synchronized (lifecycleLock) {
      if (shutdown || workers.size() == workerCount) {
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
  public <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    CurrentRuntime.checkMayBlock("Runtime.blockOn()");
    if (shutdown) {
      throw new RuntimeClosedException(kind(), "blockOn");
    }
    CurrentRuntime.Scope scope = CurrentRuntime.enter(this, CurrentRuntime.Role.WORKER);
    try {
      return executor.runOnCaller(future, "Runtime.blockOn()");
    } finally {
      scope.close();
    }
  }

  @Override
  public <T> JoinHandle<T> spawnBlocking(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    if (shutdown) {
      throw new RuntimeClosedException(kind(), "spawnBlocking");
    }
    return blocking.spawn(task);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public RuntimeMetrics metrics() {
    return new MinimalMetrics(executor, blocking, drive.driver(), () -> workers.size());
  }

  @Override
  public void shutdown() {
    synchronized (lifecycleLock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
    }
    executor.close();
    blocking.shutdown();
    drive.close();
  }

  @Override
  public boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    shutdown();
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    try {
      Thread fallback = drive.fallbackThread();
      if (fallback == Thread.currentThread()) {
        fallback = null; // the fallback thread shutting the runtime down ends right after
      }
      return RuntimeThreads.join(workers, deadline)
          && RuntimeThreads.join(Collections.singletonList(fallback), deadline)
          && blocking.awaitTermination(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    if (!shutdown) {
      return false;
    }
    return RuntimeThreads.allEnded(workers)
        && RuntimeThreads.allEnded(Collections.singletonList(drive.fallbackThread()))
        && blocking.hasNoThreads();
  }

  @Override
  public String toString() {
    return "MinimalRuntime[workers="
        + workerCount
        + ", runners="
        + executor.runners()
        + (shutdown ? ", shut down]" : "]");
  }
}
