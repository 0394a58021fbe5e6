package dev.gearbox.workstealing;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * The model check of {@link RawTaskLincheckTest} with the scheduler this runtime has: a yield keeps
 * the task's claim in its queue entry (it stays RUNNING while queued), so wakes and aborts from
 * other threads meet a RUNNING task that no thread polls.
 */
public class RawTaskClaimedYieldLincheckTest extends RawTaskLincheckTest {
  /** Created by JUnit and Lincheck. */
  public RawTaskClaimedYieldLincheckTest() {}

  @Override
  protected boolean keepsClaim() {
    return true;
  }

  @Test
  @Override
  void modelCheck() {
    new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3)
        .check(RawTaskClaimedYieldLincheckTest.class);
  }
}
