package dev.gearbox.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test method once per Gearbox runtime kind installed on the class or module
 * path ({@link dev.gearbox.runtime.Runtimes#available()}). Each invocation gets a fresh runtime of
 * its kind as a {@link dev.gearbox.runtime.Runtime} parameter, is named after the kind, and shuts
 * the runtime down afterwards, failing if it does not terminate within {@link
 * #shutdownTimeoutSeconds()}.
 *
 * <pre>{@code
 * @RuntimeTest
 * void answers(Runtime runtime) {
 *   assertThat(runtime.blockOn(cx -> Poll.ready(42))).isEqualTo(42);
 * }
 *
 * @RuntimeTest(kinds = "minimal", config = "gearbox.workers=2")
 * void onTwoRunners(Runtime runtime) { ... }
 * }</pre>
 *
 * <p>When none of the wanted kinds is installed, the test is skipped with a message that names the
 * wanted and the installed kinds. Every installed kind includes {@code simulated} wherever the
 * testkit is on the path (it is installed, though never the default of {@code Runtimes.create()}).
 *
 * <p>On the {@code simulated} runtime the method runs once per seed ({@link #seeds()}, from {@link
 * #firstSeed()}), each time on a fresh runtime, and fails at the first failing seed with a message
 * that names it and says how to replay it: with {@link #seed()}, or {@code -Dgearbox.sim.seed=N},
 * which runs only that seed. Other kinds ignore the seeds and run once.
 *
 * <pre>{@code
 * @RuntimeTest(kinds = "simulated", seeds = 1000)
 * void neverLosesAnUpdate(Runtime runtime) { ... }
 *
 * @RuntimeTest(kinds = "simulated", seed = 17)               // replay one seed
 * void neverLosesAnUpdate(Runtime runtime) { ... }
 *
 * @RuntimeTest(pausedTime = true)                              // every kind, clock paused
 * void anHourOfTimers(Runtime runtime) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(RuntimeTestExtension.class)
public @interface RuntimeTest {

  /**
   * The kinds to run on; empty (the default) for every installed kind. Kinds that are not installed
   * are left out.
   *
   * @return the wanted kinds
   */
  String[] kinds() default {};

  /**
   * Extra configuration for the runtimes, as {@code key=value} entries, put over the usual sources.
   *
   * @return the configuration entries
   */
  String[] config() default {};

  /**
   * How long shutting down a runtime after its invocation may take before the test fails.
   *
   * @return the bound in seconds
   */
  long shutdownTimeoutSeconds() default 10;

  /**
   * On the {@code simulated} runtime: how many seeds to run the method under, from {@link
   * #firstSeed()}. At least 1.
   *
   * @return the number of seeds
   */
  int seeds() default 1;

  /**
   * On the {@code simulated} runtime: the first seed of {@link #seeds()}.
   *
   * @return the first seed
   */
  long firstSeed() default 0;

  /**
   * On the {@code simulated} runtime: one seed to replay, instead of {@link #seeds()}; empty (the
   * default) for none.
   *
   * @return at most one seed
   */
  long[] seed() default {};

  /**
   * Starts every runtime with its clock paused ({@code gearbox.time.paused=true}, which every
   * runtime supports): time moves by hand through {@code PausedClock.advance}, or jumps to the next
   * timer when every task waits. The simulated runtime's clock is always paused.
   *
   * @return whether the clock starts paused
   */
  boolean pausedTime() default false;
}
