package dev.gearbox.workstealing;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.spi.AbstractRuntime;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.ParkingBlockOn;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.UnjoinedFailures;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.util.List;

/**
 * The {@code workstealing} runtime: a {@link WorkStealingScheduler} with its worker threads, one
 * {@link RuntimeDriver} (timers and I/O) driven by a parked worker, and a {@link BlockingPool}.
 */
final class WorkStealingRuntime extends AbstractRuntime {
  /*
   * Implementation notes: the worker threads start in the constructor (Tokio's runtime starts its
   * workers at build) and live until shutdown. The lifecycle (once-only shutdown, the waits of
   * shutdown(timeout)) is AbstractRuntime's; OwnedTasks' own closed flag is what makes a racing
   * spawn fail, so no task is accepted after the shutdown cancelled the others. blockOn polls its
   * future on the caller (ParkingBlockOn, the scheduler as its host).
   */
  private final WorkStealingScheduler scheduler;

  WorkStealingRuntime(Settings settings) {
    super(
        WorkStealingRuntimeProvider.KIND,
        settings.pausedClock() ? new PausedClock() : Clock.system(),
        settings.threadNamePrefix(),
        settings.blockingMaxThreads(),
        settings.blockingKeepAlive(),
        settings.unjoinedFailureHandler());
    RuntimeDriver driver = new RuntimeDriver(clock());
    this.scheduler = new WorkStealingScheduler(this, settings, driver, blocking());
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
    return new WorkStealingMetrics(scheduler);
  }

  @Override
  protected void stopTasks() {
    scheduler.shutdown();
  }

  @Override
  protected void censusTasks(TaskCensus census) {
    TaskWalk.census(scheduler, census);
  }

  @Override
  protected List<WorkerThread> threads() {
    return List.of(scheduler.workers);
  }

  @Override
  public String toString() {
    return "WorkStealingRuntime[workers="
        + scheduler.workers.length
        + (isShutdown() ? ", shut down]" : "]");
  }
}
