package dev.gearbox.workstealing;

/**
 * The model check of {@link RawTaskInPlaceLincheckTest} with a scheduler whose yields re-queue the
 * task unclaimed ({@code SCHEDULED}), as the other runtimes' do. It inherits the test, which checks
 * this class.
 */
public class RawTaskInPlaceUnclaimedLincheckTest extends RawTaskInPlaceLincheckTest {
  /** Created by JUnit and Lincheck. */
  public RawTaskInPlaceUnclaimedLincheckTest() {}

  @Override
  protected boolean keepsClaim() {
    return false;
  }
}
