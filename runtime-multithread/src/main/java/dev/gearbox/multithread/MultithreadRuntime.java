package dev.gearbox.multithread;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.spi.AbstractRuntime;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.ParkingBlockOn;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.RuntimeThreads;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.UnjoinedFailures;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.util.List;

/**
 * The {@code multithread} runtime: a {@link MultithreadScheduler} with its workers, monitor and
 * driver thread, and a {@link BlockingPool}.
 */
final class MultithreadRuntime extends AbstractRuntime {
  /*
   * Implementation notes: every thread starts in the constructor and lives until shutdown (a
   * replaced worker until its stuck poll returns). The lifecycle is AbstractRuntime's; OwnedTasks'
   * own closed flag is what makes a racing spawn fail. shutdown(timeout) waits for the monitor
   * first, so no replacement worker starts after the list of threads to wait for was taken.
   * blockOn polls its future on the caller (ParkingBlockOn, the scheduler as its host).
   */
  private final MultithreadScheduler scheduler;

  MultithreadRuntime(Settings settings) {
    super(
        MultithreadRuntimeProvider.KIND,
        settings.pausedClock() ? new PausedClock() : Clock.system(),
        settings.threadNamePrefix(),
        settings.blockingMaxThreads(),
        settings.blockingKeepAlive(),
        settings.unjoinedFailureHandler());
    RuntimeDriver driver = new RuntimeDriver(clock());
    this.scheduler = new MultithreadScheduler(this, settings, driver, blocking());
    scheduler.start();
  }

  @Override
  protected <T> JoinHandle<T> spawnTask(Future<T> future) {
    return scheduler.spawn(future);
  }

  @Override
  protected <T> T runBlockOn(Future<T> future) {
    return ParkingBlockOn.run(future, scheduler);
  }

  /** The runtime's account of unjoined failures, for its scheduler and metrics. */
  UnjoinedFailures failures() {
    return unjoinedFailures();
  }

  @Override
  public RuntimeMetrics metrics() {
    return new MultithreadMetrics(scheduler);
  }

  @Override
  protected void stopTasks() {
    scheduler.shutdown();
  }

  @Override
  protected void censusTasks(TaskCensus census) {
    scheduler.censusTo(census);
  }

  @Override
  protected List<Thread> threads() {
    return scheduler.threads();
  }

  /**
   * Joins the monitor first, then takes the list of threads: the monitor may start a replacement
   * worker until it ends.
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if every thread ended in time
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  protected boolean awaitThreads(long deadlineNanos) throws InterruptedException {
    return RuntimeThreads.join(List.of(scheduler.monitor), deadlineNanos)
        && RuntimeThreads.join(scheduler.threads(), deadlineNanos);
  }

  @Override
  public String toString() {
    return "MultithreadRuntime[workers="
        + scheduler.workerCount()
        + (isShutdown() ? ", shut down]" : "]");
  }
}
