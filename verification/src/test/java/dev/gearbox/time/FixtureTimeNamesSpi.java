package dev.gearbox.time;

import dev.gearbox.spi.RuntimeDriver;

/** A deliberate layering violation, for LayerRulesCatchViolationsTest: time names spi. */
public final class FixtureTimeNamesSpi {
  private FixtureTimeNamesSpi() {}

  public static int pendingTimers(RuntimeDriver driver) {
    return driver.pendingTimers();
  }
}
