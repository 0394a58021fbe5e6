package dev.gearbox.testkit.sim;

/** The words every failure of a simulated run ends with: the seed, and how to run it again. */
final class Replay {
  private Replay() {}

  /** The system property and configuration key of the seed. */
  static final String SEED_KEY = "gearbox.sim.seed";

  static String hint(long seed) {
    return "seed "
        + seed
        + "; replay with @RuntimeTest(kinds = \"simulated\", seed = "
        + seed
        + ") or -D"
        + SEED_KEY
        + "="
        + seed;
  }

  /** Attached to failures that leave the simulation unchanged, so their stack trace names it. */
  static final class SeedNote extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeedNote(long seed) {
      super("simulated runtime, " + hint(seed), null, false, false);
    }
  }
}
