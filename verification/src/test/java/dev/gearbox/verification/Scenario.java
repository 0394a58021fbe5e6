package dev.gearbox.verification;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;

/**
 * A fixed concurrent scenario for Lincheck's model checker: each thread runs the named no-argument
 * methods of the test class in order, on one fresh instance per interleaving; then the method
 * annotated {@code @Validate} checks the invariants. Lincheck explores interleavings of the
 * threads, switching at every shared-memory access, lock, park and unpark, and reports an
 * exception, a failed invariant, or a hang (a thread parked for good, or spinning on a condition
 * nobody will change) with the interleaving that led there.
 *
 * <p>Results are not compared with a sequential specification ({@link EpsilonVerifier}): these
 * scenarios block (a receive waits for a send), which no sequential run of the operations
 * describes. The properties are the invariants and that every thread finishes.
 */
final class Scenario {
  private final Class<?> testClass;
  private final List<List<Actor>> threads = new ArrayList<>();
  private final List<Actor> initial = new ArrayList<>();

  private Scenario(Class<?> testClass) {
    this.testClass = testClass;
  }

  /** A scenario on fresh instances of {@code testClass}. */
  static Scenario of(Class<?> testClass) {
    return new Scenario(testClass);
  }

  /** Methods run before the threads start, on the same instance. */
  Scenario initially(String... methods) {
    for (String method : methods) {
      initial.add(actor(method));
    }
    return this;
  }

  /** Adds a thread that runs {@code methods} in order. */
  Scenario thread(String... methods) {
    threads.add(Arrays.stream(methods).map(this::actor).toList());
    return this;
  }

  /**
   * Explores {@code invocations} interleavings of the scenario.
   *
   * @param invocations the budget of this check
   */
  void check(int invocations) {
    ExecutionScenario scenario = new ExecutionScenario(initial, threads, List.of(), null);
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(scenario)
        .invocationsPerIteration(invocations)
        .verifier(EpsilonVerifier.class)
        .check(testClass);
  }

  private Actor actor(String name) {
    try {
      Method method = testClass.getMethod(name);
      return new Actor(method, List.of(), false, false, false, false, false);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no public no-argument method " + name, e);
    }
  }
}
