package dev.gearbox.testkit.sim;

/**
 * The first seed under which a scenario failed, with that failure as cause; its message says how to
 * replay the seed.
 */
public final class SimulationFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int attempts;

  SimulationFailure(long seed, int attempts, int count, long firstSeed, Throwable cause) {
    super(
        "failed with "
            + Replay.hint(seed)
            + " (found after "
            + attempts
            + " of "
            + count
            + " seeds, from "
            + firstSeed
            + "): "
            + cause,
        cause);
    this.seed = seed;
    this.attempts = attempts;
  }

  /**
   * The failing seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * How many seeds ran until this one failed, this one included.
   *
   * @return the number of seeds run
   */
  public int attempts() {
    return attempts;
  }
}
