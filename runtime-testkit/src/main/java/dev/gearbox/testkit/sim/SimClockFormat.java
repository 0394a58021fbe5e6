package dev.gearbox.testkit.sim;

import java.time.Duration;

/** Virtual times in messages: the time since the simulation started, as a duration. */
final class SimClockFormat {
  private SimClockFormat() {}

  static String format(long nanos) {
    return "t="
        + Duration.ofNanos(nanos).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
