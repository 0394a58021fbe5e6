package dev.gearbox.multithread;

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
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code multithread} runtime: a {@link MultithreadScheduler} with its workers, monitor and
 * driver thread, and a {@link BlockingPool}.
 */
final class MultithreadRuntime implements Runtime {
  /*
   * Implementation notes: every thread starts in the constructor and lives until shutdown (a
   * replaced worker until its stuck poll returns). `shutdown` is set once under `lifecycleLock`
   * and read without it on the spawn path; OwnedTasks' own closed flag is what makes a racing spawn
   * fail. shutdown(timeout) waits for the monitor first, so no replacement worker starts after the
   * list of threads to wait for was taken.
   */
  private final Clock clock;
  private final RuntimeDriver driver;
  private final BlockingPool blocking;
  private final MultithreadScheduler scheduler;
  private final Object lifecycleLock = new Object();
  private volatile boolean shutdown;

  MultithreadRuntime(Settings settings) {
    this.clock = settings.pausedClock() ? new PausedClock() : Clock.system();
    this.driver = new RuntimeDriver(clock);
    this.blocking =
        new BlockingPool(
            this,
            settings.threadNamePrefix() + "blocking-",
            settings.blockingMaxThreads(),
            settings.blockingKeepAlive());
    this.scheduler = new MultithreadScheduler(this, settings, driver, blocking);
    scheduler.start();
  }

  @Override
  public String kind() {
    return MultithreadRuntimeProvider.KIND;
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
    return new MultithreadMetrics(scheduler);
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
      return RuntimeThreads.join(java.util.List.of(scheduler.monitor), deadline)
          && RuntimeThreads.join(scheduler.threads(), deadline)
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
    return shutdown
        && !scheduler.monitor.isAlive()
        && RuntimeThreads.allEnded(scheduler.threads())
        && blocking.hasNoThreads();
  }

  @Override
  public String toString() {
    return "MultithreadRuntime[workers="
        + scheduler.workerCount()
        + (shutdown ? ", shut down]" : "]");
  }
}
