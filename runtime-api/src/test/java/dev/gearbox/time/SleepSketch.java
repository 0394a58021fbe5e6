package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.time.Duration;

/**
 * How a timer future drives a {@link TimerEntry}; the shape the real {@code sleep} will have once a
 * runtime hands its wheel to futures through the context. It registers on first poll, refreshes the
 * waker when polled by a different task, and cancels when dropped. The waker is always stored
 * before the entry's state is read, so a concurrent firing either is seen or wakes the new waker.
 */
final class SleepSketch implements Future<Void> {
  private final TimerWheel timers;
  private final long deadlineNanos;
  private final TimerEntry entry = new TimerEntry();
  private boolean registered;

  SleepSketch(TimerWheel timers, Duration delay) {
    this.timers = timers;
    this.deadlineNanos = timers.clock().deadlineAfter(delay);
  }

  @Override
  public Poll<Void> poll(Context cx) {
    Waker waker = cx.waker();
    if (!registered) {
      entry.setWaker(waker);
      registered = true;
      boolean pending = timers.register(entry, deadlineNanos);
      return pending ? Poll.pending() : Poll.ready();
    }
    if (!waker.willWake(entry.waker())) {
      entry.setWaker(waker);
    }
    return entry.isElapsed() ? Poll.ready() : Poll.pending();
  }

  @Override
  public void drop() {
    timers.cancel(entry);
  }

  TimerEntry entry() {
    return entry;
  }
}
