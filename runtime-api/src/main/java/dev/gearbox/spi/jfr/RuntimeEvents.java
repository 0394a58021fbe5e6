package dev.gearbox.spi.jfr;

import dev.gearbox.runtime.JoinHandle;

/**
 * Emits the events of rare moments in a runtime's life: {@code dev.gearbox.BlockingPoolGrowth} and
 * {@code dev.gearbox.WorkerReplaced}. Each call costs JFR's own enabled check when the event is
 * off.
 */
public final class RuntimeEvents {
  private RuntimeEvents() {}

  /**
   * Emits {@code dev.gearbox.BlockingPoolGrowth}.
   *
   * @param thread the new thread's name
   * @param threads the pool's threads, the new one included
   * @param maxThreads the pool's maximum
   * @param queued calls waiting for a thread
   */
  public static void blockingPoolGrew(String thread, int threads, int maxThreads, int queued) {
    BlockingPoolGrowthEvent event = new BlockingPoolGrowthEvent();
    if (event.isEnabled()) {
      event.thread = thread;
      event.threads = threads;
      event.maxThreads = maxThreads;
      event.queued = queued;
      event.commit();
    }
  }

  /**
   * Emits {@code dev.gearbox.WorkerReplaced}.
   *
   * @param runtime the runtime's kind
   * @param task the task whose poll blocked the worker, or null if unknown
   * @param futureClass the class of its future, or null if unknown
   * @param workerThread the stuck worker's thread name
   * @param blockedNanos how long the worker had been inside the poll
   */
  public static void workerReplaced(
      String runtime,
      JoinHandle<?> task,
      Class<?> futureClass,
      String workerThread,
      long blockedNanos) {
    WorkerReplacedEvent event = new WorkerReplacedEvent();
    if (event.isEnabled()) {
      event.runtime = runtime;
      event.taskId = task != null ? task.id() : 0;
      event.futureClass = futureClass;
      event.workerThread = workerThread;
      event.blockedFor = blockedNanos;
      event.commit();
    }
  }
}
