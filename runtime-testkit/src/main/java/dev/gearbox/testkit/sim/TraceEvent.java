package dev.gearbox.testkit.sim;

/**
 * One event of a simulated run, for replay checks: the same seed gives the same list of events.
 *
 * @param step the event's index in the run, from 0
 * @param virtualNanos the virtual time of the event, since the run started
 * @param task the task's number in spawn order (from 1), or 0 for an event of no task
 * @param kind what happened
 */
public record TraceEvent(long step, long virtualNanos, int task, Kind kind) {

  /** What a trace event records. */
  public enum Kind {
    /** The task was spawned. */
    SPAWN,
    /** The task was chosen among the ready ones and polled. */
    POLL,
    /** The task finished: completed, failed or cancelled. */
    FINISH,
    /** Every task waited: virtual time jumped to the next timer or network event. */
    TIME_JUMP
  }

  @Override
  public String toString() {
    return step + " " + SimClockFormat.format(virtualNanos) + " " + kind + " #" + task;
  }
}
