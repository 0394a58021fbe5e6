package dev.gearbox.benchmarks.scheduler;

/** The scheduler workloads on the {@code minimal} runtime with 2 runner threads. */
public class MinimalBenchmark extends GearboxRuntimeBenchmark {
  /** Created by JMH. */
  public MinimalBenchmark() {}

  @Override
  protected String kind() {
    return "minimal";
  }
}
