package dev.gearbox.testkit;

import dev.gearbox.runtime.Runtime;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the conformance test interfaces need from the class that runs them: the runtime under test
 * and a way to make more. {@link RuntimeConformanceTests} implements it.
 */
public interface ConformanceFixture {

  /** How long a test waits for one outcome (a join, a condition) before it fails. */
  Duration WAIT = Duration.ofSeconds(20);

  /**
   * The runtime under test for the current test: created on first use, shut down after the test.
   *
   * @return the runtime
   */
  Runtime runtime();

  /**
   * Creates a new runtime of the kind and configuration under test. The caller shuts it down.
   *
   * @return a new runtime
   */
  Runtime createRuntime();

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
