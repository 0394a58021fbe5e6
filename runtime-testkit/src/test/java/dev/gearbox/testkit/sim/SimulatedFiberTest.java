package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fibers on the simulated runtime: ordered by the seed, so a seed replays the same run. */
class SimulatedFiberTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void carriedByTheRuntime() {
    Assumptions.assumeTrue(
        Fiber.carrier() == Fiber.Carrier.RUNTIME, "the JVM lets the runtime carry fibers");
  }

  /** What one seed's run did: the fibers' own steps, then the simulation's trace. */
  private record Run(List<String> steps, List<TraceEvent> trace) {}

  private static Run runWith(long seed) {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(seed);
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    try {
      runtime.blockOn(
          Futures.lazy(
                  () -> {
                    List<JoinHandle<Void>> fibers = new ArrayList<>();
                    for (int f = 0; f < 4; f++) {
                      String name = "fiber-" + f;
                      fibers.add(
                          runtime.spawnFiber(
                              () -> {
                                for (int step = 0; step < 5; step++) {
                                  steps.add(name + ":" + step);
                                  Fiber.yieldNow();
                                }
                                Fiber.sleep(Duration.ofMillis(3));
                                steps.add(name + ":woke at " + runtime.clock().now().toMillis());
                                return null;
                              }));
                    }
                    return fibers;
                  })
              .flatMap(Futures::joinAll));
      return new Run(List.copyOf(steps), runtime.trace());
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameFiberTrace() {
    Run first = runWith(42);
    Run second = runWith(42);
    assertThat(first.steps()).hasSize(24);
    assertThat(second.steps()).isEqualTo(first.steps());
    assertThat(second.trace()).isEqualTo(first.trace());
    assertThat(first.trace()).anyMatch(event -> event.kind() == TraceEvent.Kind.TIME_JUMP);
  }

  @Test
  void differentSeedsInterleaveFibersDifferently() {
    List<String> reference = runWith(1).steps();
    int differing = 0;
    for (long seed = 2; seed < 12; seed++) {
      if (!runWith(seed).steps().equals(reference)) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(5);
  }
}
