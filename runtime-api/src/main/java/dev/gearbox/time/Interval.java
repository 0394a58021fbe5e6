package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.time.Duration;

/**
 * Ticks once per period on the runtime's clock, as Tokio's {@code Interval}; made by {@link
 * Time#interval}. Await {@link #tick()} in a loop, or call {@link #pollTick(Context)} from a
 * hand-written future.
 *
 * <p>The schedule starts at the first poll of a tick: the first tick completes at once, on that
 * poll, and reports the clock's reading then; tick {@code n} is due a period after tick {@code n-1}
 * (as Tokio's {@code interval}, whose first tick is immediate). Each tick reports its deadline, not
 * the moment it was taken. When ticks are taken late, the {@link MissedTickBehavior} decides the
 * next deadlines.
 *
 * <p>Costs: one {@link TimerEntry}, registered while a tick is awaited; a tick costs a clock read
 * and a registration, constant time. Not thread-safe: its task ticks and drops it, one thread at a
 * time. The interval keeps the timer of the runtime that first polled it.
 */
public final class Interval {
  /*
   * Implementation notes (after Tokio's time/interval.rs).
   *
   * Owner-thread fields: timer, entry (the field; made by the timer on the first poll),
   * nextDeadlineNanos, armed. The entry itself is shared with the timer. The
   * interval holds the deadline of the next tick; a poll registers the entry for it unless it is due
   * (armed), and a later poll sees the entry elapsed. Taking a tick computes the next deadline:
   * deadline + period when on time (within LATE_AFTER), else what the MissedTickBehavior says. A
   * dropped tick future cancels the entry but keeps the deadline, so no tick is lost: the next poll
   * registers it again or, if it is due, completes at once.
   */

  /**
   * How late a tick may be taken and still count as on time: 5 ms, as Tokio. Within it the next
   * deadline is a period after this one's, whatever the {@link MissedTickBehavior}.
   */
  public static final Duration LATE_AFTER = Duration.ofMillis(5);

  private static final long LATE_AFTER_NANOS = LATE_AFTER.toNanos();

  private TimerEntry entry; // from the timer, on the first poll
  private final Duration period;
  private final long periodNanos;
  private final MissedTickBehavior behavior;
  private Timer timer;
  private long nextDeadlineNanos;
  private boolean armed;

  Interval(Duration period, long periodNanos, MissedTickBehavior behavior) {
    this.period = period;
    this.periodNanos = periodNanos;
    this.behavior = behavior;
  }

  /**
   * A future of the next tick, completing with that tick's deadline (a reading of the runtime's
   * clock). Dropping it before it completes loses no tick: the next {@code tick()} completes for
   * the same deadline. Allocates the small future; polling it costs as {@link #pollTick}.
   *
   * @return the next tick
   */
  public Future<Long> tick() {
    return new Future<>() {
      @Override
      public Poll<Long> poll(Context cx) {
        return pollTick(cx);
      }

      @Override
      public void drop() {
        Interval.this.drop();
      }
    };
  }

  /**
   * Completes the next tick if it is due, else registers {@code cx}'s waker to be woken when it is.
   * The first call reads the runtime's timer and clock from {@code cx} and completes at once.
   * Taking a tick spends one unit of the task's cooperative budget; when that is spent, this wakes
   * the task and returns Pending, and the tick stays due. Constant time.
   *
   * @param cx the polling context; it must supply a {@link Timer#of(Context) timer} on the first
   *     call
   * @return Ready with the tick's deadline, or Pending
   * @throws IllegalStateException if the first call's context supplies no timer
   */
  public Poll<Long> pollTick(Context cx) {
    Waker waker = cx.waker();
    if (timer == null) {
      Timer first = Timer.of(cx);
      timer = first;
      entry = first.newEntry();
      nextDeadlineNanos = first.clock().nanoTime();
    }
    if (!waker.willWake(entry.waker())) {
      entry.setWaker(waker);
    }
    if (armed) {
      if (!entry.isElapsed()) {
        cx.waitingIn("Interval.tick");
        return Poll.pending();
      }
      armed = false;
    } else if (Clock.nanosBetween(timer.clock().nanoTime(), nextDeadlineNanos) > 0
        && timer.register(entry, nextDeadlineNanos)) {
      armed = true;
      cx.waitingIn("Interval.tick");
      return Poll.pending();
    }
    if (!cx.proceedOrYield()) {
      cx.waitingIn("Interval.tick");
      return Poll.pending(); // the tick stays due: the next poll takes it
    }
    return Poll.ready(take(timer.clock().nanoTime()));
  }

  /**
   * Cancels the wait for the next tick, releasing the timer entry; for a task that abandons the
   * interval. Ticking again later is allowed, and registers again. Constant time.
   */
  public void drop() {
    if (armed) {
      timer.cancel(entry);
      armed = false;
    }
  }

  /**
   * The time between ticks.
   *
   * @return the period given at creation
   */
  public Duration period() {
    return period;
  }

  /**
   * What this interval does with ticks taken late.
   *
   * @return the behavior given at creation
   */
  public MissedTickBehavior missedTickBehavior() {
    return behavior;
  }

  /** Takes the due tick: returns its deadline and moves to the next one. */
  private long take(long nowNanos) {
    long deadline = nextDeadlineNanos;
    boolean late = Clock.nanosBetween(deadline, nowNanos) > LATE_AFTER_NANOS;
    nextDeadlineNanos =
        late
            ? behavior.nextDeadline(deadline, nowNanos, periodNanos)
            : Clock.deadlineAfter(deadline, periodNanos);
    return deadline;
  }

  @Override
  public String toString() {
    return "Interval[" + period + ", " + behavior + (armed ? ", waiting]" : "]");
  }
}
