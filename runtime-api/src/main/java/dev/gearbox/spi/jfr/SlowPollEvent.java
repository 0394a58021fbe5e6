package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@value #NAME}: one poll of a task held its worker longer than the event's {@code
 * pollThreshold} setting (a task that blocks or computes for long inside a poll stalls every task
 * queued behind it). Committed on the thread that polled, after the poll; the duration is measured
 * with the coarse clock of {@link SlowPolls}.
 */
@Name(SlowPollEvent.NAME)
@Label("Slow Poll")
@Category({"Gearbox", "Tasks"})
@Description("A poll of a task that took longer than the pollThreshold setting")
@StackTrace(false)
final class SlowPollEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.SlowPoll";

  @Label("Runtime")
  @Description("The kind of the runtime that polled the task")
  String runtime;

  @Label("Task Id")
  @Description("The id of the task, as JoinHandle.id(); 0 for a task without one")
  long taskId;

  @Label("Task")
  @Description("The task's description (for a task without an id)")
  String task;

  @Label("Future Class")
  @Description("The class of the future the task was spawned with, where the runtime knows it")
  Class<?> futureClass;

  @Label("Poll Duration")
  @Description("How long the poll took at least (to about one tick of the coarse clock)")
  @Timespan(Timespan.NANOSECONDS)
  long pollDuration;

  /**
   * The poll threshold setting: JFR keeps the value through {@link PollThresholdSetting}, and the
   * filtering happens before the event is made, so every committed event passes.
   *
   * @param setting the setting's control
   * @return always true
   */
  @Name(PollThresholdSetting.NAME)
  @Label("Poll Threshold")
  @Description("Polls longer than this are recorded, for example 10 ms")
  @SettingDefinition
  boolean pollThreshold(PollThresholdSetting setting) {
    return true;
  }
}
