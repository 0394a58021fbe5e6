package dev.gearbox.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.Await;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GearboxMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Runtime create(String kind) {
    return Runtimes.create(
        RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind, "gearbox.workers", "2")));
  }

  private static void runTasks(Runtime runtime, int count) {
    List<JoinHandle<Integer>> handles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int value = i;
      handles.add(runtime.spawn(Futures.yieldNow().map(ignored -> value)));
    }
    handles.forEach(JoinHandle::join);
  }

  @ParameterizedTest
  @ValueSource(strings = {"workstealing", "multithread", "minimal", "embedded", "simulated"})
  void bindsEveryMetricAsAGaugeOrAFunctionCounter(String kind) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Runtime runtime = create(kind)) {
      runTasks(runtime, 10);
      new GearboxMetrics(runtime, Tags.of("app", "test")).bindTo(registry);

      Tags tags = Tags.of("runtime", runtime.name(), "kind", kind, "app", "test");
      for (Metric metric : runtime.metrics().describe()) {
        Meter meter = registry.find("gearbox." + metric.name()).tags(tags).meter();
        assertThat(meter).as("meter of %s", metric.name()).isNotNull();
        assertThat(meter.getId().getDescription()).isEqualTo(metric.description());
        assertThat(meter.getId().getBaseUnit()).isEqualTo(metric.unit());
        if (metric.kind() == Metric.Kind.COUNTER) {
          assertThat(meter).isInstanceOf(FunctionCounter.class);
        } else {
          assertThat(meter).isInstanceOf(Gauge.class);
        }
      }
      FunctionCounter spawned = registry.get("gearbox.tasks.spawned").tags(tags).functionCounter();
      assertThat(spawned.count()).isGreaterThanOrEqualTo(10);
      FunctionCounter polls = registry.get("gearbox.polls").tags(tags).functionCounter();
      // Workers publish their poll counts in batches (at the latest when they park), which may
      // come after the join returns.
      Await.until(WAIT, () -> polls.count() >= 20, () -> "20 polls, counted " + polls.count());
      Gauge workers = registry.get("gearbox.workers").tags(tags).gauge();
      assertThat(workers.value()).isEqualTo(runtime.metrics().workers());
      Gauge alive = registry.get("gearbox.tasks.alive").tags(tags).gauge();
      assertThat(alive.value()).isNotNegative();
    }
  }

  @Test
  void twoRuntimesInOneRegistryAreTaggedApart() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Runtime minimal = create("minimal");
        Runtime workstealing = create("workstealing")) {
      new GearboxMetrics(minimal).bindTo(registry);
      new GearboxMetrics(workstealing).bindTo(registry);
      runTasks(minimal, 5);

      Set<String> runtimes =
          registry.find("gearbox.polls").functionCounters().stream()
              .map(counter -> counter.getId().getTag("runtime"))
              .collect(Collectors.toSet());
      assertThat(runtimes).containsExactlyInAnyOrder(minimal.name(), workstealing.name());
      assertThat(registry.get("gearbox.workstealing.polls.lifo").functionCounter()).isNotNull();
      assertThat(registry.find("gearbox.workstealing.polls.lifo").tag("kind", "minimal").meter())
          .isNull();
      FunctionCounter minimalPolls =
          registry.get("gearbox.polls").tag("runtime", minimal.name()).functionCounter();
      // published in batches, at the latest when a runner parks
      Await.until(
          WAIT,
          () -> minimalPolls.count() >= 10,
          () -> "10 polls of minimal, counted " + minimalPolls.count());
    }
  }

  @Test
  void aClosedRuntimeStopsReportingWithoutThrowing() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Runtime runtime = create("workstealing");
    new GearboxMetrics(runtime).bindTo(registry);
    runTasks(runtime, 10);
    double spawnedBefore = registry.get("gearbox.tasks.spawned").functionCounter().count();

    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThat(registry.get("gearbox.workers").gauge().value()).isNaN();
    assertThat(registry.get("gearbox.tasks.alive").gauge().value()).isNaN();
    assertThat(registry.get("gearbox.tasks.spawned").functionCounter().count())
        .as("a counter keeps its last value")
        .isEqualTo(spawnedBefore);
    for (Meter meter : registry.getMeters()) {
      meter.measure().forEach(measurement -> measurement.getValue()); // none throws
    }
  }
}
