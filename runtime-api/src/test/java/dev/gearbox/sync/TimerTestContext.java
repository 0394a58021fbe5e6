package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;

/** A context with a counting waker and a timer wheel on a paused clock that the test advances. */
final class TimerTestContext implements Context {
  final CountingWaker waker = new CountingWaker();
  final PausedClock clock = new PausedClock();
  final TimerDriver wheel = TimerDriver.wheel(clock);

  @Override
  public Waker waker() {
    return waker;
  }

  @Override
  public Driver driver() {
    return wheel;
  }

  /** Moves the clock forward and fires the timers that fell due. */
  void advance(Duration by) {
    clock.advance(by);
    wheel.advance();
  }
}
