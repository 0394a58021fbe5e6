package dev.gearbox.workstealing;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event: one poll of a task took longer than {@code gearbox.workstealing.slowPollThreshold} (a
 * task that blocks or computes for long inside a poll stalls every task queued behind it on its
 * worker). Enable it in a recording by its name, {@value #NAME}.
 */
@Name(SlowPollEvent.NAME)
@Label("Slow Poll")
@Category({"Gearbox", "Work-stealing Runtime"})
@Description("A poll of a task that took longer than gearbox.workstealing.slowPollThreshold")
@StackTrace(false)
final class SlowPollEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.workstealing.SlowPoll";

  @Label("Task Id")
  @Description("The id of the task, as JoinHandle.id()")
  long taskId;

  @Label("Future Class")
  @Description("The class of the future the task was spawned with")
  Class<?> futureClass;

  @Label("Worker")
  @Description("The index of the worker that polled the task")
  int worker;

  @Label("Poll Duration")
  @Timespan(Timespan.NANOSECONDS)
  long pollDuration;
}
