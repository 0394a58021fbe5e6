package dev.gearbox.sync;

import dev.gearbox.io.reactor.IoDriver;

/**
 * A deliberate layering violation, for LayerRulesCatchViolationsTest: sync reaches the selector
 * reactor's package (compiled on the class path, where the package is not encapsulated).
 */
public final class FixtureSyncNamesIoDriver {
  private FixtureSyncNamesIoDriver() {}

  public static int registrations(IoDriver driver) {
    return driver.registrations();
  }
}
