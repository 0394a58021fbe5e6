package dev.gearbox.minimal;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import dev.gearbox.spi.RuntimeDriver;

/**
 * The context of the future given to {@code run}/{@code blockOn}: its waker, the timers and reactor
 * of the executor's runtime, so the main future can sleep and use sockets as tasks do, and the
 * cooperative budget of the runner that polls it.
 *
 * @param waker the main future's waker
 * @param driver the runtime's driver, or null for an executor without timers and I/O
 * @param runner the runner polling the main future, on its own thread
 */
record MainContext(Waker waker, RuntimeDriver driver, Runner runner) implements Context {

  @Override
  public boolean consumeBudget() {
    return runner.consumeBudget();
  }
}
