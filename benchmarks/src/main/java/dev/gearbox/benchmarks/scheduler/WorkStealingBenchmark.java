package dev.gearbox.benchmarks.scheduler;

/** The scheduler workloads on the {@code workstealing} runtime with 2 workers. */
public class WorkStealingBenchmark extends GearboxRuntimeBenchmark {
  /** Created by JMH. */
  public WorkStealingBenchmark() {}

  @Override
  protected String kind() {
    return "workstealing";
  }
}
