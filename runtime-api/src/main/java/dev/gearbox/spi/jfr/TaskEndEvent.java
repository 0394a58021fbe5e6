package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: a task completed, failed or was cancelled, on the thread that completed
 * it. Off unless a recording enables it: it costs an event per task.
 */
@Name(TaskEndEvent.NAME)
@Label("Task End")
@Category({"Gearbox", "Tasks"})
@Description("A task completed, failed or was cancelled")
@Enabled(false)
@StackTrace(false)
final class TaskEndEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.TaskEnd";

  @Label("Task Id")
  @Description("The id of the task, as JoinHandle.id()")
  long taskId;

  @Label("Outcome")
  @Description("completed, failed or cancelled")
  String outcome;
}
