package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;
import dev.gearbox.time.driver.TimerDriver;

/**
 * A context for polling time futures by hand: a waker, and a timer (a {@link TimerDriver} on a
 * {@link PausedClock}, in these tests) that the test drives itself.
 *
 * @param waker the waker handed to the futures
 * @param timer the timer they register with
 */
record TimerContext(Waker waker, Timer timer) implements Context {
  @Override
  public Driver driver() {
    return timer;
  }
}
