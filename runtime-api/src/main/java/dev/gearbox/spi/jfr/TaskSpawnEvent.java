package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: a task was created (spawned, or made for a {@code blockOn} or a
 * blocking call), on the spawning thread. Off unless a recording enables it: it costs an event per
 * spawn.
 */
@Name(TaskSpawnEvent.NAME)
@Label("Task Spawn")
@Category({"Gearbox", "Tasks"})
@Description("A task was created, on the spawning thread")
@Enabled(false)
@StackTrace(false)
final class TaskSpawnEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.TaskSpawn";

  @Label("Task Id")
  @Description("The id of the task, as JoinHandle.id()")
  long taskId;

  @Label("Future Class")
  @Description("The class of the future the task runs")
  Class<?> futureClass;
}
