package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a scenario on a fresh {@link SimulatedRuntime} per seed, stopping at the first seed that
 * fails, and reports it with the words to replay it. {@code @RuntimeTest(kinds = "simulated", seeds
 * = N)} does the same for a test method.
 *
 * <pre>{@code
 * Simulation.check(0, 1000, runtime -> {
 *   int total = runtime.blockOn(scenario());
 *   assertThat(total).isEqualTo(2);
 * });
 * }</pre>
 *
 * <p>When the system property {@code gearbox.sim.seed} is set, only that seed runs (replay).
 */
public final class Simulation {
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private Simulation() {}

  /** A scenario to run on one simulated runtime. */
  @FunctionalInterface
  public interface Scenario {
    /**
     * Runs the scenario; throwing fails the seed.
     *
     * @param runtime a fresh simulated runtime, shut down afterwards
     * @throws Throwable any failure
     */
    void run(SimulatedRuntime runtime) throws Throwable;
  }

  /**
   * Runs {@code scenario} under the seeds {@code firstSeed}, {@code firstSeed + 1}, ... up to
   * {@code count} of them, or only under {@code -Dgearbox.sim.seed} when set.
   *
   * @param firstSeed the first seed
   * @param count how many seeds, at least 1
   * @param scenario the scenario
   * @return the number of seeds run (all passed)
   * @throws SimulationFailure naming the first failing seed, with the failure as cause
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public static int check(long firstSeed, int count, Scenario scenario) {
    return check(firstSeed, count, Map.of(), scenario);
  }

  /**
   * As {@link #check(long, int, Scenario)}, with extra configuration for every runtime.
   *
   * @param firstSeed the first seed
   * @param count how many seeds, at least 1
   * @param config configuration entries (such as {@code gearbox.sim.deadlockGrace})
   * @param scenario the scenario
   * @return the number of seeds run (all passed)
   * @throws SimulationFailure naming the first failing seed, with the failure as cause
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public static int check(
      long firstSeed, int count, Map<String, String> config, Scenario scenario) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scenario, "scenario");
    if (count < 1) {
      throw new IllegalArgumentException(
          "seed count " + count + " is not allowed: expected 1 or more");
    }
    String forced = System.getProperty(Replay.SEED_KEY);
    if (forced != null) {
      firstSeed = SimulatedRuntimeProvider.SEED.parse(forced, "system property");
      count = 1;
    }
    for (int run = 0; run < count; run++) {
      long seed = firstSeed + run;
      Throwable failure = runOnce(seed, config, scenario);
      if (failure != null) {
        throw new SimulationFailure(seed, run + 1, count, firstSeed, failure);
      }
    }
    return count;
  }

  private static Throwable runOnce(long seed, Map<String, String> config, Scenario scenario) {
    Map<String, String> values = new HashMap<>(config);
    values.put(RuntimeConfig.RUNTIME_KEY, SimulatedRuntimeProvider.KIND);
    values.put(Replay.SEED_KEY, Long.toString(seed));
    SimulatedRuntime runtime =
        (SimulatedRuntime) Runtimes.create(RuntimeConfig.of(values, "Simulation"));
    Throwable failure = null;
    try {
      scenario.run(runtime);
    } catch (Throwable thrown) {
      failure = thrown;
    }
    if (!runtime.shutdown(SHUTDOWN_WAIT) && failure == null) {
      failure =
          new AssertionError("the simulated runtime did not terminate within " + SHUTDOWN_WAIT);
    }
    return failure;
  }
}
