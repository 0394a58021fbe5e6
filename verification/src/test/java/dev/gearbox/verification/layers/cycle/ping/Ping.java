package dev.gearbox.verification.layers.cycle.ping;

import dev.gearbox.verification.layers.cycle.pong.Pong;

/** Half of a deliberate package cycle, for LayerRulesCatchViolationsTest. */
public final class Ping {
  private Ping() {}

  /**
   * Answers with the other package.
   *
   * @return a pong
   */
  public static Pong answer() {
    return Pong.serve();
  }

  /**
   * Made by the other package.
   *
   * @return a ping
   */
  public static Ping serve() {
    return new Ping();
  }
}
