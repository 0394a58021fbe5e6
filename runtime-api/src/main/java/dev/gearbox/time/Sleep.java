package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;

/**
 * A future that completes, with {@code null}, once its deadline on the runtime's clock has passed;
 * made by {@link Time#sleep} and {@link Time#sleepUntil}, as Tokio's {@code Sleep}.
 *
 * <p>A {@code sleep(duration)} starts on its first poll: its deadline is the clock's reading then
 * plus the duration, so a sleep made long before it is awaited still sleeps its full duration.
 * (Tokio measures from creation; a Gearbox future has no clock until it is polled.) A sleep whose
 * deadline is already due at its first poll, as any sleep of zero or negative duration, completes
 * on that poll without touching the runtime's timers. Otherwise it completes on the first poll
 * after its timer fired, which is never before the deadline and at most the timer's resolution (1
 * ms) after it, plus the time the runtime takes to drive its timers. A deadline beyond the clock's
 * range ({@link Long#MAX_VALUE}, as for {@code sleep(Duration.ofSeconds(Long.MAX_VALUE))}) never
 * comes: the sleep stays pending until dropped.
 *
 * <p>Completing spends one unit of the task's cooperative budget ({@link
 * Context#proceedOrYield()}); with the budget spent, a due sleep wakes its task and returns Pending
 * once, so a task looping over due sleeps lets the others of its worker run (Tokio's {@code coop}).
 *
 * <p>Costs: one {@link TimerEntry} per sleep; registering, re-registering and cancelling are
 * constant time and allocate nothing. The sleep keeps the timer of the runtime that first polled
 * it. Not thread-safe: its task polls, resets and drops it, one thread at a time.
 */
public final class Sleep implements Future<Void> {
  /*
   * Implementation notes.
   *
   * Owner-thread fields: state, timer, entry (the field; made by the timer on the first poll),
   * deadlineNanos, deadlineKnown. The entry itself is shared with the
   * timer, which fires it from its driver's thread. States: NEW (never polled; the deadline is known
   * only for sleepUntil or after reset), WAITING (the entry is registered, or fired and not yet seen),
   * DONE (completed, or dropped). The waker is stored in the entry before its state is read, so a
   * firing racing with a poll either is seen by the poll or wakes the new waker (see TimerEntry).
   */

  private static final int NEW = 0;
  private static final int WAITING = 1;
  private static final int DONE = 2;

  private TimerEntry entry; // from the timer, on the first poll
  private final long delayNanos;
  private long deadlineNanos;
  private boolean deadlineKnown;
  private Timer timer;
  private int state = NEW;

  private Sleep(long delayNanos, long deadlineNanos, boolean deadlineKnown) {
    this.delayNanos = delayNanos;
    this.deadlineNanos = deadlineNanos;
    this.deadlineKnown = deadlineKnown;
  }

  /** A sleep of {@code delayNanos} from its first poll. */
  static Sleep after(long delayNanos) {
    return new Sleep(delayNanos, 0, false);
  }

  /** A sleep until a reading of the runtime's clock. */
  static Sleep until(long deadlineNanos) {
    return new Sleep(0, deadlineNanos, true);
  }

  /**
   * Completes once the deadline has passed. The first poll reads the runtime's timer and clock from
   * {@code cx} and registers the sleep, unless it is already due; later polls replace the stored
   * waker when {@code cx}'s does not {@link Waker#willWake willWake} it. Completing spends one unit
   * of the task's cooperative budget; when that is spent, the sleep wakes the task and returns
   * Pending, to complete on a later poll. Constant time.
   *
   * @param cx the polling context; it must supply a {@link Timer#of(Context) timer} on the first
   *     poll
   * @return Ready with {@code null} once the deadline has passed and the budget allows, else
   *     Pending
   * @throws IllegalStateException if the first poll's context supplies no timer
   */
  @Override
  public Poll<Void> poll(Context cx) {
    if (!pollElapsed(cx) || !cx.proceedOrYield()) {
      cx.waitingIn("Time.sleep");
      return Poll.pending();
    }
    return Poll.ready();
  }

  /**
   * Polls as {@link #poll} does but without spending the cooperative budget; for {@link Timeout},
   * whose deadline must be seen even after its future spent the budget (as Tokio's).
   *
   * @return true once the deadline has passed
   */
  boolean pollElapsed(Context cx) {
    Waker waker = cx.waker();
    if (state == NEW) {
      timer = Timer.of(cx);
      entry = timer.newEntry();
      entry.setWaker(waker);
      long nowNanos = timer.clock().nanoTime();
      if (!deadlineKnown) {
        deadlineNanos = Clock.deadlineAfter(nowNanos, delayNanos);
        deadlineKnown = true;
      }
      arm(nowNanos);
    } else if (state == WAITING) {
      if (!waker.willWake(entry.waker())) {
        entry.setWaker(waker);
      }
      if (entry.isElapsed()) {
        state = DONE;
      }
    }
    return state == DONE;
  }

  /**
   * Moves the deadline to {@code deadlineNanos}, earlier or later, whether this sleep is pending or
   * already completed (then it is pending again, as Tokio's {@code Sleep::reset}). Before the first
   * poll this only replaces the deadline. A deadline already due makes the next poll complete.
   * Resetting does not wake the task: its owner polls the sleep again after resetting it. Constant
   * time.
   *
   * @param deadlineNanos the new deadline, a reading of the runtime's clock
   */
  public void reset(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    deadlineKnown = true;
    if (state != NEW) {
      arm(timer.clock().nanoTime());
    }
  }

  /**
   * The deadline, as a reading of the runtime's clock.
   *
   * @return the deadline
   * @throws IllegalStateException if this is a {@code sleep(duration)} that was neither polled nor
   *     reset, so its deadline is not fixed yet
   */
  public long deadlineNanos() {
    if (!deadlineKnown) {
      throw new IllegalStateException(
          "the deadline of a sleep(duration) is fixed at its first poll; poll or reset it first");
    }
    return deadlineNanos;
  }

  /** Cancels the timer entry, if registered, so it never fires. Constant time. */
  @Override
  public void drop() {
    if (state == WAITING) {
      timer.cancel(entry);
    }
    state = DONE;
  }

  /** Registers the entry for the deadline, or completes (cancelling the entry) if that is due. */
  private void arm(long nowNanos) {
    if (Clock.nanosBetween(nowNanos, deadlineNanos) <= 0) {
      if (state == WAITING) {
        timer.cancel(entry);
      }
      state = DONE;
      return;
    }
    state = timer.register(entry, deadlineNanos) ? WAITING : DONE;
  }

  @Override
  public String toString() {
    String deadline = deadlineKnown ? "deadline " + deadlineNanos : "delay " + delayNanos + " ns";
    return switch (state) {
      case NEW -> "Sleep[new, " + deadline + "]";
      case WAITING -> "Sleep[waiting, " + deadline + "]";
      default -> "Sleep[done, " + deadline + "]";
    };
  }
}
