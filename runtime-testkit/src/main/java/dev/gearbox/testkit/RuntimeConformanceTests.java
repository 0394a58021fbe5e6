package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The runtime conformance suite (TCK): every test of the theme interfaces it implements, run
 * against the runtime that {@link #createRuntime(Map)} makes. A runtime module subclasses it once
 * per configuration it wants checked:
 *
 * <pre>{@code
 * class MinimalConformanceTest extends RuntimeConformanceTests {
 *   @Override
 *   public Runtime createRuntime(Map<String, String> extraConfig) {
 *     Map<String, String> config = new HashMap<>(Map.of("gearbox.runtime", "minimal"));
 *     config.putAll(extraConfig);
 *     return Runtimes.create(RuntimeConfig.of(config));
 *   }
 * }
 * }</pre>
 *
 * <p>The time tests need a runtime whose clock starts paused: the suite asks for one with {@link
 * ConformanceFixture#TIME_PAUSED_KEY}{@code =true} in {@code extraConfig}. The I/O tests use
 * loopback sockets only (127.0.0.1), and one of them opens 1000 connections at once (fewer if the
 * open-file limit is too low for that).
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
        HelpingJoinConformance,
        WakeConformance,
        YieldConformance,
        AbortConformance,
        FailureConformance,
        ShutdownConformance,
        InterruptConformance,
        TimerConformance,
        PausedClockConformance,
        NetworkConformance,
        SocketLifecycleConformance,
        SyncConformance,
        StreamConformance,
        CodecConformance,
        BudgetConformance,
        ThrowingPollConformance,
        UnjoinedFailureConformance,
        ScopedGuardConformance,
        FiberConformance,
        FiberStreamConformance,
        MetricsConformance,
        ManagementConformance,
        TaskDumpConformance {

  private volatile Runtime runtime;
  private volatile Runtime pausedRuntime;

  /** For subclasses. */
  protected RuntimeConformanceTests() {}

  /**
   * Creates a new runtime of the kind and configuration under test, with {@code extraConfig} added;
   * called once per test that uses {@link #runtime()} or {@link #pausedRuntime()}, and by tests
   * that manage their own runtimes.
   *
   * @param extraConfig configuration values to add to (and override) the configuration under test
   * @return a new runtime
   */
  @Override
  public abstract Runtime createRuntime(Map<String, String> extraConfig);

  @Override
  public final Runtime runtime() {
    Runtime current = runtime;
    if (current == null) {
      current = createRuntime();
      runtime = current;
    }
    return current;
  }

  @Override
  public final Runtime pausedRuntime() {
    Runtime current = pausedRuntime;
    if (current == null) {
      current = createRuntime(Map.of(TIME_PAUSED_KEY, "true"));
      pausedRuntime = current;
    }
    return current;
  }

  /** Shuts down the runtimes of the test, if it made them, and checks that they terminated. */
  @AfterEach
  protected final void shutDownRuntime() {
    Runtime current = runtime;
    Runtime paused = pausedRuntime;
    runtime = null;
    pausedRuntime = null;
    shutDown(paused);
    shutDown(current);
  }

  private static void shutDown(Runtime current) {
    if (current != null) {
      assertThat(current.shutdown(WAIT))
          .as("%s terminated within %s after the test", current.kind(), WAIT)
          .isTrue();
    }
  }
}
