package dev.gearbox.benchmarks.scheduler;

import java.util.Map;

/**
 * The scheduler workloads on the {@code embedded} runtime: one executor thread, single-threaded as
 * Tokio's current-thread runtime; the pool sized so that all of skynet's 1,111,111 tasks may be
 * alive at once.
 */
public class EmbeddedBenchmark extends GearboxRuntimeBenchmark {
  /** Created by JMH. */
  public EmbeddedBenchmark() {}

  @Override
  protected String kind() {
    return "embedded";
  }

  @Override
  protected Map<String, String> config() {
    return Map.of("gearbox.embedded.poolSize", "2000000");
  }
}
