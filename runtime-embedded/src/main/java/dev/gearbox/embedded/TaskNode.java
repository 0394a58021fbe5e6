package dev.gearbox.embedded;

import dev.gearbox.future.Waker;

/**
 * A task as its {@link EmbeddedExecutor} sees it: a node of the intrusive run queue (linked through
 * {@link #runNext}), with intrusive timer links, that the executor polls once per queue entry. Two
 * kinds: {@link PoolSlot} (a slot of a {@link TaskPool}, reused spawn after spawn) and {@link
 * EmbeddedTask} (a task of the {@code embedded} {@code Runtime}).
 */
interface TaskNode extends Waker {

  /**
   * The next node of the run queue; written by the pushing thread before its CAS publishes the
   * node, read by the executor after it took the queue.
   *
   * @return the next node, or null
   */
  TaskNode runNext();

  /**
   * Sets the next node of the run queue.
   *
   * @param next the next node
   */
  void runNext(TaskNode next);

  /**
   * Polls the task once, on the executor thread, after it was taken from the run queue; skips a
   * stale entry. Never throws.
   *
   * @param executor the executor polling it
   */
  void runFromQueue(EmbeddedExecutor executor);

  /**
   * The class of the task's future, for a slow-poll event; read on the executor thread before a
   * poll, only while such events are recorded.
   *
   * @return the class, or null once the task finished
   */
  Class<?> futureClass();

  /**
   * Hears that the executor's loop ended with this node still queued, on the executor thread before
   * it frees its pools' slots: a task whose handle someone may wait for completes as cancelled.
   */
  void abandoned();

  /**
   * The executor that runs this task.
   *
   * @return the executor
   */
  EmbeddedExecutor executor();

  /**
   * The task's links in its executor's timer queue; executor thread only.
   *
   * @return the links, made on first use
   */
  TimerLinks timerLinks();
}
