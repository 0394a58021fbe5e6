package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.time.Sleep;
import dev.gearbox.time.Time;
import dev.gearbox.time.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Time futures with observable behaviour, for the conformance tests of timers. */
final class TimeFutures {
  private TimeFutures() {}

  /**
   * A sleep that records when its timer fired (as a sequence number shared by a group of sleeps)
   * and the clock's reading when it completed. Its waker is its own, delegating to the task's, so
   * the order in which the runtime fires timers is seen apart from the order in which tasks run.
   */
  static final class ObservedSleep implements Future<Void>, Waker {
    private final Sleep sleep;
    private final AtomicInteger fireSequence;
    private volatile Waker taskWaker;
    volatile int firedAs = -1;
    volatile Thread firedBy;
    volatile long deadlineNanos;
    volatile long completedAtNanos;

    ObservedSleep(Duration duration, AtomicInteger fireSequence) {
      this.sleep = Time.sleep(duration);
      this.fireSequence = fireSequence;
    }

    @Override
    public Poll<Void> poll(Context cx) {
      taskWaker = cx.waker();
      Timer timer = Timer.of(cx);
      Context observed = new ObservingContext(this, cx);
      Poll<Void> poll = sleep.poll(observed);
      deadlineNanos = sleep.deadlineNanos();
      if (poll.isReady()) {
        completedAtNanos = timer.clock().nanoTime();
      }
      return poll;
    }

    @Override
    public void wake() {
      firedBy = Thread.currentThread();
      firedAs = fireSequence.getAndIncrement();
      taskWaker.wake();
    }

    @Override
    public void drop() {
      sleep.drop();
    }
  }

  /** A context with another waker and the same drivers and budget as {@code inner}. */
  private record ObservingContext(Waker waker, Context inner) implements Context {
    @Override
    public Driver driver() {
      return inner.driver();
    }

    @Override
    public boolean consumeBudget() {
      return inner.consumeBudget();
    }
  }

  /** Reads the runtime's clock through the polling context, then completes with the reading. */
  static Future<Long> clockReading() {
    return cx -> Poll.ready(Timer.of(cx).clock().nanoTime());
  }
}
