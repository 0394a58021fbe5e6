package dev.gearbox.spi.jfr;

import dev.gearbox.runtime.JoinHandle;

/**
 * Emits {@code dev.gearbox.TaskSpawn} and {@code dev.gearbox.TaskEnd}. A site calls these only when
 * {@link EventSwitches#taskSpawn()} or {@link EventSwitches#taskEnd()} says the event is on, so
 * that a spawn pays one field read while it is off.
 */
public final class TaskEvents {
  /** The outcome of a task whose future returned ready. */
  public static final String COMPLETED = "completed";

  /** The outcome of a task whose poll threw. */
  public static final String FAILED = "failed";

  /** The outcome of a task that was aborted or cancelled at shutdown. */
  public static final String CANCELLED = "cancelled";

  private TaskEvents() {}

  /**
   * Emits the spawn of {@code task}.
   *
   * @param task the new task
   * @param futureClass the class of its future
   */
  public static void spawned(JoinHandle<?> task, Class<?> futureClass) {
    TaskSpawnEvent event = new TaskSpawnEvent();
    if (event.isEnabled()) {
      event.taskId = task.id();
      event.futureClass = futureClass;
      event.commit();
    }
  }

  /**
   * Emits the end of {@code task}.
   *
   * @param task the finished task
   * @param outcome {@link #COMPLETED}, {@link #FAILED} or {@link #CANCELLED}
   */
  public static void ended(JoinHandle<?> task, String outcome) {
    TaskEndEvent event = new TaskEndEvent();
    if (event.isEnabled()) {
      event.taskId = task.id();
      event.outcome = outcome;
      event.commit();
    }
  }
}
