package dev.gearbox.testkit;

import dev.gearbox.runtime.Runtime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the conformance test interfaces need from the class that runs them: the runtime under test
 * and a way to make more. {@link RuntimeConformanceTests} implements it.
 */
public interface ConformanceFixture {

  /** How long a test waits for one outcome (a join, a condition) before it fails. */
  Duration WAIT = Duration.ofSeconds(20);

  /**
   * The configuration key that starts a runtime's clock paused ({@code gearbox.time.paused}), which
   * every Gearbox runtime honours: time then moves only when advanced by hand, or to the next timer
   * when every task waits.
   */
  String TIME_PAUSED_KEY = "gearbox.time.paused";

  /**
   * The runtime under test for the current test: created on first use, shut down after the test.
   *
   * @return the runtime
   */
  Runtime runtime();

  /**
   * The runtime under test with its clock paused ({@link #TIME_PAUSED_KEY}{@code =true}): created
   * on first use, shut down after the test.
   *
   * @return the paused runtime
   */
  Runtime pausedRuntime();

  /**
   * Creates a new runtime of the kind and configuration under test. The caller shuts it down.
   *
   * @return a new runtime
   */
  default Runtime createRuntime() {
    return createRuntime(Map.of());
  }

  /**
   * Creates a new runtime of the kind and configuration under test, with {@code extraConfig} added
   * to (and overriding) that configuration, such as {@link #TIME_PAUSED_KEY}{@code =true}. The
   * caller shuts it down.
   *
   * @param extraConfig configuration values to add
   * @return a new runtime
   */
  Runtime createRuntime(Map<String, String> extraConfig);

  /**
   * Configuration to add (through {@link #createRuntime(Map)}) so that only the runtime's workers
   * poll tasks: no thread is added to poll while every worker is inside a poll. A test that keeps
   * every worker busy to see a woken task wait in a queue uses it. Empty by default; a runtime that
   * replaces a worker stuck in a poll (the multithread runtime's monitor) returns the setting that
   * turns this off.
   *
   * @return the configuration values to add
   */
  default Map<String, String> fixedWorkersConfig() {
    return Map.of();
  }

  /**
   * The prefix of the names of every thread {@code runtime} starts, to check that none is left
   * after shutdown. The default is {@code gearbox-<kind>-}, the convention of Gearbox runtimes.
   *
   * @param runtime a runtime created by {@link #createRuntime()}
   * @return the thread name prefix
   */
  default String threadNamePrefix(Runtime runtime) {
    return "gearbox-" + runtime.kind() + "-";
  }

  /**
   * The alive threads whose names start with {@code prefix}, leaving out those in {@code before}.
   *
   * @param prefix a thread name prefix
   * @param before threads that existed earlier, not counted
   * @return the names of the matching threads
   */
  static List<String> liveThreads(String prefix, Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !before.contains(thread))
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }
}
