package dev.gearbox.multithread;

/**
 * The loop of the runtime's driver thread (async-std's "async-io" thread): it blocks in the
 * selector until the next timer deadline, an I/O event or an unpark, fires what is due, and goes
 * round until shutdown; then it closes the driver, so futures waiting on I/O fail with "reactor
 * closed", and cancels what the global queue still holds.
 */
final class DriverLoop implements Runnable {
  private final MultithreadScheduler scheduler;

  DriverLoop(MultithreadScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void run() {
    try {
      while (!scheduler.isShutdown()) {
        scheduler.driver.tryPark(Long.MAX_VALUE, scheduler.everyTaskWaits());
      }
    } finally {
      scheduler.driver.close();
      scheduler.abortQueued();
    }
  }
}
