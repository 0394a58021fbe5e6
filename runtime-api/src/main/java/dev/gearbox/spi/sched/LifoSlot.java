package dev.gearbox.spi.sched;

/**
 * The LIFO slot's shared rule (Tokio's {@code MAX_LIFO_POLLS_PER_TICK}): a task woken or spawned by
 * the task being polled goes to its worker's LIFO slot and runs right after the poll, so message
 * passing stays on one warm core; at most {@link #MAX_POLLS_IN_A_ROW} slot polls follow one
 * another, so two tasks that wake each other cannot starve the worker's queue.
 *
 * <p>The slot itself is a field of each runtime's worker thread, not an object of its own: it is
 * written at every wake, and must stay on the worker's own cache lines. The two slots differ for a
 * reason: {@code runtime-workstealing}'s is a plain field that only its worker touches, free of
 * atomics, so a task in it cannot be stolen (as in Tokio); {@code runtime-multithread}'s is taken
 * by an atomic exchange, because its monitor empties the slot of a worker stuck in a poll.
 */
public final class LifoSlot {
  /** LIFO-slot polls that may follow one another before the slot yields to the queue. */
  public static final int MAX_POLLS_IN_A_ROW = 3;

  private LifoSlot() {}
}
