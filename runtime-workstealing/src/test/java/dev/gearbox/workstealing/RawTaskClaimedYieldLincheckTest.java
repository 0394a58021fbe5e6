package dev.gearbox.workstealing;

/**
 * The model check of {@link RawTaskLincheckTest} with the scheduler this runtime has: a yield keeps
 * the task's claim in its queue entry (it stays RUNNING while queued), so wakes and aborts from
 * other threads meet a RUNNING task that no thread polls. It inherits the test, which checks this
 * class.
 */
public class RawTaskClaimedYieldLincheckTest extends RawTaskLincheckTest {
  /** Created by JUnit and Lincheck. */
  public RawTaskClaimedYieldLincheckTest() {}

  @Override
  protected boolean keepsClaim() {
    return true;
  }
}
