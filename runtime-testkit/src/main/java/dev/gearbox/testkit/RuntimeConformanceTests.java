package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import org.junit.jupiter.api.AfterEach;

/**
 * The runtime conformance suite (TCK): every test of the theme interfaces it implements, run
 * against the runtime that {@link #createRuntime()} makes. A runtime module subclasses it once per
 * configuration it wants checked:
 *
 * <pre>{@code
 * class MinimalConformanceTest extends RuntimeConformanceTests {
 *   @Override
 *   public Runtime createRuntime() {
 *     return Runtimes.create(RuntimeConfig.of(Map.of("gearbox.runtime", "minimal")));
 *   }
 * }
 * }</pre>
 *
 * <p>The runtime must run spawned tasks on its own (a runtime driven only by callers of {@code
 * blockOn}, such as {@code minimal} with {@code gearbox.workers=0}, is outside the suite), and name
 * its threads with {@link #threadNamePrefix(Runtime)}.
 *
 * <p>Each test gets a fresh runtime from {@link #runtime()}, shut down after the test with a bound;
 * a runtime that does not terminate within it fails the test. Tests that need several runtimes, or
 * own the shutdown, call {@link #createRuntime()} themselves.
 */
public abstract class RuntimeConformanceTests
    implements SpawnJoinConformance,
        WakeConformance,
        AbortConformance,
        FailureConformance,
        ShutdownConformance,
        SyncConformance,
        StreamConformance {

  private volatile Runtime runtime;

  /** For subclasses. */
  protected RuntimeConformanceTests() {}

  /**
   * Creates a new runtime of the kind and configuration under test; called once per test that uses
   * {@link #runtime()}, and by tests that manage their own runtimes.
   *
   * @return a new runtime
   */
  @Override
  public abstract Runtime createRuntime();

  @Override
  public final Runtime runtime() {
    Runtime current = runtime;
    if (current == null) {
      current = createRuntime();
      runtime = current;
    }
    return current;
  }

  /** Shuts down the runtime of the test, if it made one, and checks that it terminated. */
  @AfterEach
  protected final void shutDownRuntime() {
    Runtime current = runtime;
    runtime = null;
    if (current != null) {
      assertThat(current.shutdown(WAIT))
          .as("%s terminated within %s after the test", current.kind(), WAIT)
          .isTrue();
    }
  }
}
