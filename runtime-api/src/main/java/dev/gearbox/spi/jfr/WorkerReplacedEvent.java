package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@value #NAME}: a runtime's monitor replaced a worker that stayed inside one poll too
 * long (the {@code multithread} runtime, {@code gearbox.multithread.blockingThreshold}); names the
 * task that blocked it.
 */
@Name(WorkerReplacedEvent.NAME)
@Label("Worker Replaced")
@Category({"Gearbox", "Workers"})
@Description("A worker stuck inside one poll was replaced by a fresh worker")
@StackTrace(false)
final class WorkerReplacedEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.WorkerReplaced";

  @Label("Runtime")
  @Description("The kind of the runtime")
  String runtime;

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
