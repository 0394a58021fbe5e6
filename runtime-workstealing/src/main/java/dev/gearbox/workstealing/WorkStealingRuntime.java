package dev.gearbox.workstealing;

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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code workstealing} runtime: a {@link WorkStealingScheduler} with its worker threads, one
 * {@link RuntimeDriver} (timers and I/O) driven by a parked worker, and a {@link BlockingPool}.
 */
final class WorkStealingRuntime implements Runtime {
  /*
   * Implementation notes: the worker threads start in the constructor (Tokio's runtime starts its
   * workers at build) and live until shutdown. `shutdown` is set once under `lifecycleLock` and
   * read without it on the spawn path; OwnedTasks' own closed flag is what makes a racing spawn
   * fail, so no task is accepted after the shutdown cancelled the others.
   */
  private final Clock clock;
  private final RuntimeDriver driver;
  private final BlockingPool blocking;
  private final WorkStealingScheduler scheduler;
  private final Object lifecycleLock = new Object();
  private volatile boolean shutdown;

  WorkStealingRuntime(Settings settings) {
    this.clock = settings.pausedClock() ? new PausedClock() : Clock.system();
    this.driver = new RuntimeDriver(clock);
    this.blocking =
        new BlockingPool(
            this,
            settings.threadNamePrefix() + "blocking-",
            settings.blockingMaxThreads(),
            settings.blockingKeepAlive());
    this.scheduler = new WorkStealingScheduler(this, settings, driver, blocking);
    scheduler.start();
  }

  @Override
  public String kind() {
    return WorkStealingRuntimeProvider.KIND;
  }

  @Override
  public <T> JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    return scheduler.spawn(future);
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
      return BlockOn.run(future, scheduler);
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
    return new WorkStealingMetrics(scheduler);
  }

  @Override
  public void shutdown() {
    synchronized (lifecycleLock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
    }
    scheduler.shutdown();
    blocking.shutdown();
  }

  @Override
  public boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    shutdown();
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    try {
      return RuntimeThreads.join(List.of(scheduler.workers), deadline)
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
    return RuntimeThreads.allEnded(List.of(scheduler.workers)) && blocking.hasNoThreads();
  }

  @Override
  public String toString() {
    return "WorkStealingRuntime[workers="
        + scheduler.workers.length
        + (shutdown ? ", shut down]" : "]");
  }
}
