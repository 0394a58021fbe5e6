package dev.gearbox.time.driver;

import dev.gearbox.future.Waker;
import dev.gearbox.time.Clock;
import dev.gearbox.time.TimerEntry;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The timers of one runtime, and its {@link Timer}: a hierarchical timer wheel of 1 ms resolution
 * (Tokio's shape: 6 levels of 64 slots), read against the runtime's {@link Clock}. Made by {@link
 * TimerDriver#wheel(Clock)}: futures see it only as a {@code Timer}, through their context, and
 * register and cancel {@link TimerEntry entries} from any thread; the runtime's driver calls {@link
 * #advance()} to fire the due ones and {@link #nextDeadline()} to know how long it may park.
 *
 * <p>Deadlines are readings of the clock. The wheel counts whole milliseconds from its creation and
 * rounds each deadline up to the next one, so a timer never fires before its deadline, and becomes
 * due at most 1 ms after it (it fires at the driver's next {@code advance} from then on). A
 * deadline at or before the wheel's current time is due at once; a deadline years away is held
 * (re-cascaded every 2.2 years) until it comes. A deadline beyond the clock's range never comes:
 * {@link #NO_DEADLINE}, where {@link Clock#deadlineAfter} saturates, and any deadline so close to
 * it that the wheel rounds it up to its last millisecond. Its entry stays pending until cancelled,
 * is never fired, and is not counted by {@link #nextDeadline()}, so a paused clock is never moved
 * to it and later timers keep their room.
 *
 * <p>Costs: {@link #register} and {@link #cancel} are constant time; {@link #nextDeadline()} is
 * constant time; {@link #advanceTo} is linear in the entries it fires plus the slots it empties,
 * and each entry is moved between levels at most five times on its way down (plus once per 2.2-year
 * rotation when its deadline lies beyond the wheel's span). Thread-safe.
 */
final class TimerWheel implements TimerDriver {
  /*
   * Implementation notes.
   *
   * Threading: one lock around the wheel (Tokio's time driver does the same). Any thread may register
   * and cancel; one or more threads may advance, typically the runtime's driver. Every change of an
   * entry's links and of its state REGISTERED -> ELAPSED / IDLE happens under the lock, so an entry
   * fired and cancelled at the same moment is unlinked exactly once: whichever takes the lock first
   * wins, the cancel returns false if the fire won, and the waker is woken at most once per
   * registration. Wakers are woken outside the lock, in batches of WAKE_BATCH, so that a wake that
   * schedules a task (and may take the scheduler's locks) never runs under the wheel's lock and
   * registrations are not held up behind a long burst of firings.
   *
   * Ticks: the wheel runs on MillisTicks, whole milliseconds since the clock reading at creation;
   * deadlines round up and the current time rounds down, so a deadline's tick is reached only once
   * the clock has passed the deadline.
   */

  private static final int WAKE_BATCH = 32;

  private final Clock clock;
  private final MillisTicks ticks;
  private final ReentrantLock lock = new ReentrantLock();
  private final HierarchicalWheel wheel = new HierarchicalWheel();

  /**
   * Creates an empty wheel whose time starts at the clock's current reading.
   *
   * @param clock the clock that deadlines are readings of
   * @throws NullPointerException if {@code clock} is null
   */
  TimerWheel(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticks = new MillisTicks(clock.nanoTime());
  }

  /**
   * The clock this wheel reads.
   *
   * @return the clock given at creation
   */
  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public TimerEntry newEntry() {
    return new WheelEntry();
  }

  /**
   * Registers {@code entry} to fire at {@code deadlineNanos}, or moves it there if it is already
   * pending in this wheel. An elapsed or cancelled entry may be registered again. Constant time.
   *
   * <p>If the deadline is already due (at or before the wheel's current time, so zero and negative
   * delays), nothing is linked: the entry is marked {@link TimerEntry#isElapsed() elapsed} at once
   * and this returns false <em>without</em> waking its waker, since the caller is the one to act.
   * If the deadline is beyond the clock's range ({@link #NO_DEADLINE}), nothing is linked either:
   * the entry is pending for ever, until cancelled or registered again.
   *
   * @param entry the entry to register
   * @param deadlineNanos when to fire, as a reading of {@link #clock()}
   * @return true if the entry is now pending (for ever, for a deadline beyond the clock's range);
   *     false if it was due at once
   * @throws NullPointerException if {@code entry} is null
   * @throws IllegalArgumentException if the entry was not made by a timer wheel
   * @throws IllegalStateException if the entry is pending in another wheel
   */
  @Override
  public boolean register(TimerEntry timerEntry, long deadlineNanos) {
    WheelEntry entry = own(timerEntry);
    long tick = ticks.deadlineTick(deadlineNanos);
    lock.lock();
    try {
      int state = entry.state();
      if (state == WheelEntry.REGISTERED || state == WheelEntry.NEVER) {
        if (entry.wheel != this) {
          throw new IllegalStateException(
              entry + " is pending in another TimerWheel; cancel it there before registering here");
        }
        if (state == WheelEntry.REGISTERED) {
          wheel.remove(entry);
        }
      }
      entry.wheel = this;
      if (tick == MillisTicks.NEVER) {
        entry.setState(WheelEntry.NEVER); // held, not linked: it neither fires nor moves the clock
        return true;
      }
      if (!wheel.insert(entry, tick)) {
        entry.setState(WheelEntry.ELAPSED);
        return false;
      }
      entry.setState(WheelEntry.REGISTERED);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Unlinks a pending entry so that it never fires; for a future that is dropped before its
   * deadline. Constant time. Racing with the firing of the same entry, exactly one wins; when the
   * firing wins, this returns false and the waker may still be woken just after, since wakes run
   * outside the lock (harmless for a task that is finished or aborted).
   *
   * @param entry the entry to cancel
   * @return true if it was pending here and now is not; false if it already elapsed, was never
   *     registered here, or was cancelled before
   * @throws NullPointerException if {@code entry} is null
   * @throws IllegalArgumentException if the entry was not made by a timer wheel
   */
  @Override
  public boolean cancel(TimerEntry timerEntry) {
    WheelEntry entry = own(timerEntry);
    lock.lock();
    try {
      int state = entry.state();
      if (entry.wheel != this || (state != WheelEntry.REGISTERED && state != WheelEntry.NEVER)) {
        return false;
      }
      if (state == WheelEntry.REGISTERED) {
        wheel.remove(entry);
      }
      entry.setState(WheelEntry.IDLE);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fires every entry due at the clock's current reading; see {@link #advanceTo(long)}.
   *
   * @return the number of entries fired
   */
  @Override
  public int advance() {
    return advanceTo(clock.nanoTime());
  }

  /**
   * Moves the wheel's time to {@code nowNanos} and fires every entry whose deadline has passed:
   * marks it elapsed and wakes its waker, on the calling thread, outside the wheel's lock. Entries
   * fire in non-decreasing order of their deadlines rounded to the millisecond. A time before the
   * wheel's current time fires only what is already due. Cost: linear in the entries fired and the
   * slots emptied.
   *
   * @param nowNanos the current reading of {@link #clock()}
   * @return the number of entries fired
   * @throws RuntimeException the first exception a waker threw, after all wakers of its batch ran;
   *     entries not yet fired then stay due and fire on the next call
   */
  @Override
  public int advanceTo(long nowNanos) {
    long nowTick = ticks.nowTick(nowNanos);
    Waker[] batch = null;
    int fired = 0;
    while (true) {
      int count = 0;
      lock.lock();
      try {
        WheelEntry due = wheel.poll(nowTick);
        while (due != null) {
          if (batch == null) {
            batch = new Waker[WAKE_BATCH];
          }
          due.setState(WheelEntry.ELAPSED);
          batch[count++] = due.waker();
          due = count < WAKE_BATCH ? wheel.poll(nowTick) : null;
        }
      } finally {
        lock.unlock();
      }
      fired += count;
      wakeAll(batch, count);
      if (count < WAKE_BATCH) {
        return fired;
      }
    }
  }

  private static void wakeAll(Waker[] batch, int count) {
    RuntimeException failure = null;
    for (int i = 0; i < count; i++) {
      Waker waker = batch[i];
      batch[i] = null;
      try {
        if (waker != null) {
          waker.wake();
        }
      } catch (RuntimeException thrown) {
        if (failure == null) {
          failure = thrown;
        } else {
          failure.addSuppressed(thrown);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public long dueAt(long deadlineNanos) {
    return ticks.toNanos(ticks.deadlineTick(deadlineNanos));
  }

  /**
   * When the driver must next call {@link #advance()}: a reading of {@link #clock()} never later
   * than the moment the earliest pending entry becomes due, so parking until then never oversleeps.
   * When that entry is due within the current 64 ms block of the wheel, the value is exactly its
   * deadline rounded up to the millisecond; otherwise it is the start of the coarser slot holding
   * it, which may be earlier (by less than that slot's span: 64 ms, 4 s, ...) and on reaching which
   * {@code advance} moves the entry down and this returns a tighter value. Constant time.
   *
   * @return the reading to wake at; a past reading if entries are due; {@link #NO_DEADLINE} if none
   *     is pending
   */
  @Override
  public long nextDeadline() {
    long tick;
    lock.lock();
    try {
      tick = wheel.nextExpiration();
    } finally {
      lock.unlock();
    }
    return tick == HierarchicalWheel.NONE ? NO_DEADLINE : ticks.toNanos(tick);
  }

  /**
   * The number of entries that will fire. Constant time.
   *
   * @return entries registered and neither fired nor cancelled, leaving out those whose deadline is
   *     beyond the clock's range
   */
  @Override
  public int size() {
    lock.lock();
    try {
      return wheel.size();
    } finally {
      lock.unlock();
    }
  }

  /** Checks the wheel's internal invariants, walking every entry; for tests. */
  void verify() {
    lock.lock();
    try {
      wheel.verify();
    } finally {
      lock.unlock();
    }
  }

  /** The wheel's own node behind {@code entry}: entries are made by {@link #newEntry()}. */
  private static WheelEntry own(TimerEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry instanceof WheelEntry wheelEntry) {
      return wheelEntry;
    }
    throw new IllegalArgumentException(
        entry + " was not made by a timer wheel; take entries from Timer.newEntry()");
  }

  @Override
  public String toString() {
    return "TimerWheel[" + size() + " pending, " + clock + "]";
  }
}
