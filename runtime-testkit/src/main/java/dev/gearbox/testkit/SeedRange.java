package dev.gearbox.testkit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The seeds a {@link RuntimeTest} runs under on the simulated runtime.
 *
 * @param first the first seed
 * @param count how many seeds, at least 1
 */
record SeedRange(long first, int count) {

  static SeedRange of(RuntimeTest annotation) {
    long[] fixed = annotation.seed();
    if (fixed.length > 1) {
      throw new ExtensionConfigurationException(
          "@RuntimeTest(seed = "
              + java.util.Arrays.toString(fixed)
              + "): expected at most one seed");
    }
    if (fixed.length == 1) {
      return new SeedRange(fixed[0], 1);
    }
    if (annotation.seeds() < 1) {
      throw new ExtensionConfigurationException(
          "@RuntimeTest(seeds = " + annotation.seeds() + "): expected 1 or more");
    }
    return new SeedRange(annotation.firstSeed(), annotation.seeds());
  }

  String describe() {
    return count == 1 ? "seed " + first : "seeds " + first + ".." + (first + count - 1);
  }
}
