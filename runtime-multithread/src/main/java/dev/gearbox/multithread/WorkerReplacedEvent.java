package dev.gearbox.multithread;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event: the monitor replaced a worker that stayed inside one poll longer than {@code
 * gearbox.multithread.blockingThreshold}; names the task that blocked it. Enable it in a recording
 * by its name, {@value #NAME}.
 */
@Name(WorkerReplacedEvent.NAME)
@Label("Worker Replaced")
@Category({"Gearbox", "Multithread Runtime"})
@Description("A worker stuck inside one poll was replaced by a fresh worker")
@StackTrace(false)
final class WorkerReplacedEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.multithread.WorkerReplaced";

  @Label("Task Id")
  @Description("The id of the task whose poll blocked the worker, as JoinHandle.id()")
  long taskId;

  @Label("Future Class")
  @Description("The class of the future the task was spawned with")
  Class<?> futureClass;

  @Label("Worker Thread")
  @Description("The name of the stuck worker thread, which ends when the poll returns")
  String workerThread;

  @Label("Blocked For")
  @Description("How long the worker had been inside the poll when the monitor replaced it")
  @Timespan(Timespan.NANOSECONDS)
  long blockedFor;
}
