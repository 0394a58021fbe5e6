package dev.gearbox.time.driver;

import dev.gearbox.future.Waker;
import dev.gearbox.time.TimerEntry;
import java.util.Objects;

/**
 * The timer wheel's {@link TimerEntry}: the node that {@link TimerWheel} links into the slots of
 * its {@link HierarchicalWheel}, and the waker it wakes when the deadline passes. Made by {@link
 * TimerWheel#newEntry()}; because the entry is the node, registering and cancelling allocate
 * nothing.
 *
 * <p>An entry is registered with at most one wheel at a time. It can be registered again after it
 * elapsed or was cancelled, and registering a pending entry again moves it to the new deadline.
 */
final class WheelEntry implements TimerEntry {
  /*
   * Implementation notes.
   *
   * `state` is written only under the lock of the wheel the entry is registered with, and read
   * anywhere: IDLE (new or cancelled) -> REGISTERED (linked in that wheel) -> ELAPSED (unlinked and
   * fired) or back to IDLE (cancelled); or IDLE -> NEVER (registered for a deadline beyond the
   * clock's range: held by that wheel without being linked) -> IDLE (cancelled). Registering again
   * moves between REGISTERED and NEVER. `waker` is written by the owning future from any thread.
   *
   * No lost wake: the future writes `waker`, then reads `state`; the wheel writes ELAPSED, then reads
   * `waker`. Both are volatile, so either the future sees ELAPSED or the wheel sees the new waker
   * (the store-load pattern of Tokio's AtomicWaker, here with plain volatiles since a wake of the
   * previous waker as well is harmless).
   *
   * `wheel`, `tick`, `level`, `prev` and `next` belong to the wheel: written and read only under its
   * lock (HierarchicalWheel is the only reader of the last four).
   */

  /** Not linked in any wheel: never registered, or cancelled. */
  static final int IDLE = 0;

  /** Linked in a wheel, waiting for its deadline. */
  static final int REGISTERED = 1;

  /** Its deadline passed: unlinked, and its waker woken (or the registration found it due). */
  static final int ELAPSED = 2;

  /** Registered for a deadline that never comes (beyond the clock's range): not linked. */
  static final int NEVER = 3;

  private volatile int state = IDLE;
  private volatile Waker waker;

  /** The wheel this entry was last registered with; guarded by that wheel's lock. */
  TimerWheel wheel;

  /** The deadline in wheel ticks; guarded by the wheel's lock. */
  long tick;

  /** The wheel level holding the entry, or {@link HierarchicalWheel#DUE}; guarded likewise. */
  int level;

  /** The neighbours in its slot's list; guarded likewise. */
  WheelEntry prev;

  WheelEntry next;

  /** Creates an idle entry with no waker. */
  WheelEntry() {}

  /**
   * Sets the waker to wake when the deadline passes, replacing the previous one. Callable from any
   * thread, at any time: a future calls it when polled with a waker that does not {@link
   * Waker#willWake} the stored one, then checks {@link #isElapsed()}.
   *
   * @param waker the waker of the task waiting on this timer
   * @throws NullPointerException if {@code waker} is null
   */
  @Override
  public void setWaker(Waker waker) {
    this.waker = Objects.requireNonNull(waker, "waker");
  }

  /**
   * The waker last set.
   *
   * @return the waker, or {@code null} if none was set
   */
  @Override
  public Waker waker() {
    return waker;
  }

  /**
   * Whether the deadline of the last registration has passed and the entry fired.
   *
   * @return true once elapsed, until registered again
   */
  @Override
  public boolean isElapsed() {
    return state == ELAPSED;
  }

  /**
   * Whether the entry waits for its deadline in a wheel: linked there, or held for a deadline
   * beyond the clock's range, which never comes.
   *
   * @return true between a registration and its firing or cancellation
   */
  @Override
  public boolean isRegistered() {
    int current = state;
    return current == REGISTERED || current == NEVER;
  }

  int state() {
    return state;
  }

  void setState(int newState) {
    state = newState;
  }

  /** Links this entry in front of {@code head}; returns the new head. */
  WheelEntry pushOnto(WheelEntry head) {
    prev = null;
    next = head;
    if (head != null) {
      head.prev = this;
    }
    return this;
  }

  /** Unlinks this entry from the list that starts at {@code head}; returns that list's new head. */
  WheelEntry unlinkFrom(WheelEntry head) {
    WheelEntry newHead = head;
    if (prev == null) {
      newHead = next;
    } else {
      prev.next = next;
    }
    if (next != null) {
      next.prev = prev;
    }
    prev = null;
    next = null;
    return newHead;
  }

  @Override
  public String toString() {
    return switch (state) {
      case REGISTERED -> "TimerEntry[registered]";
      case ELAPSED -> "TimerEntry[elapsed]";
      case NEVER -> "TimerEntry[registered, never due]";
      default -> "TimerEntry[idle]";
    };
  }
}
