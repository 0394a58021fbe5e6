package dev.gearbox.embedded;

import dev.gearbox.future.Context;

/**
 * The state machine of one task kind, written by hand (the Java stand-in for the future an Embassy
 * {@code #[task]} function compiles to). A {@link TaskPool} creates its bodies once, up front, and
 * reuses each for spawn after spawn: spawning and running a task allocate nothing.
 *
 * <p>{@link #poll} is called on the executor thread each time the task was woken; {@code cx} is the
 * task's context (its waker is the task itself). Inner futures that are reused objects ({@link
 * TickTimer}, {@link Ticker}) and the {@code poll*} methods of the primitives ({@link
 * FixedChannel#pollReceive}, ...) keep a body free of allocation.
 */
public interface TaskBody {

  /**
   * Advances the task; called on the executor thread.
   *
   * @param cx the task's context: wake {@code cx.waker()} to be polled again
   * @return true when the task is finished: the body is {@link #reset()} and its slot freed
   * @throws Exception to end the task; the exception goes to the executor thread's uncaught
   *     exception handler and the executor carries on
   */
  boolean poll(Context cx) throws Exception;

  /**
   * Forgets the state of the finished spawn, before the slot is reused: drop references, rewind
   * counters. Called on the executor thread when the task finished, or when its executor closed.
   * The default does nothing.
   */
  default void reset() {}
}
