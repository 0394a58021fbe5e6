package dev.gearbox.workstealing;

/**
 * The model check of {@link RawTaskClaimedYieldLincheckTest} with a deferred yield ({@code
 * Futures.yieldNow}): the task's one claimed entry goes through the scheduler's {@code deferYield},
 * and wakes and aborts from other threads meet it there as in a queue. It inherits the test, which
 * checks this class.
 */
public class RawTaskDeferredYieldLincheckTest extends RawTaskClaimedYieldLincheckTest {
  /** Created by JUnit and Lincheck. */
  public RawTaskDeferredYieldLincheckTest() {}

  @Override
  protected boolean defersYield() {
    return true;
  }
}
