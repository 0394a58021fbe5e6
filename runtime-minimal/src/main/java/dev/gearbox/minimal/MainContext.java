package dev.gearbox.minimal;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import dev.gearbox.io.Reactor;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.time.Timer;

/**
 * The context of the future given to {@code run}/{@code blockOn}: its waker, and the timers and
 * reactor of the executor's runtime, so the main future can sleep and use sockets as tasks do.
 *
 * @param waker the main future's waker
 * @param driver the runtime's driver, or null for an executor without timers and I/O
 */
record MainContext(Waker waker, RuntimeDriver driver) implements Context {

  @Override
  public Timer timer() {
    return driver != null ? driver.timer() : Context.super.timer();
  }

  @Override
  public Reactor reactor() {
    return driver != null ? driver.reactor() : Context.super.reactor();
  }
}
