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
 * wanted and the installed kinds.
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
}
