package dev.gearbox.runtime;

/**
 * Awaiting or joining a task that did not produce an output: it was cancelled ({@link
 * #isCancelled()}), or it threw (the exception is the {@linkplain #getCause() cause}).
 */
public final class JoinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long taskId;
  private final boolean cancelled;

  private JoinException(long taskId, boolean cancelled, String message, Throwable cause) {
    super(message, cause);
    this.taskId = taskId;
    this.cancelled = cancelled;
  }

  /**
   * The task was cancelled (aborted, or its runtime shut down) before it completed.
   *
   * @param taskId the task's id
   * @return the exception
   */
  public static JoinException cancelled(long taskId) {
    return new JoinException(taskId, true, "task " + taskId + " was cancelled", null);
  }

  /**
   * The task threw {@code cause}.
   *
   * @param taskId the task's id
   * @param cause what the task threw
   * @return the exception
   */
  public static JoinException failed(long taskId, Throwable cause) {
    return new JoinException(taskId, false, "task " + taskId + " failed: " + cause, cause);
  }

  /**
   * The id of the task.
   *
   * @return the task id
   */
  public long taskId() {
    return taskId;
  }

  /**
   * Whether the task was cancelled.
   *
   * @return true if cancelled, false if it failed
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Whether the task threw; the exception is the cause.
   *
   * @return true if the task failed
   */
  public boolean isFailed() {
    return !cancelled;
  }
}
