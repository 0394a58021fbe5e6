package dev.gearbox.embedded;

/**
 * A task's entry in its executor's {@link TimerQueue}: the earliest deadline it waits for and its
 * links. EmbeddedExecutor thread only.
 */
final class TimerLinks {
  final TaskNode task;
  long expiresAt = TimeDriver.NEVER;
  TimerLinks previous;
  TimerLinks next;
  boolean linked;

  TimerLinks(TaskNode task) {
    this.task = task;
  }
}
