package dev.gearbox.verification.layers.cycle.pong;

import dev.gearbox.verification.layers.cycle.ping.Ping;

/** Half of a deliberate package cycle, for LayerRulesCatchViolationsTest. */
public final class Pong {
  private Pong() {}

  /**
   * Answers with the other package.
   *
   * @return a ping
   */
  public static Ping answer() {
    return Ping.serve();
  }

  /**
   * Made by the other package.
   *
   * @return a pong
   */
  public static Pong serve() {
    return new Pong();
  }
}
