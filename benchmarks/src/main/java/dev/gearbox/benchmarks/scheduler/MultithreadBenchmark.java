package dev.gearbox.benchmarks.scheduler;

/** The scheduler workloads on the {@code multithread} runtime with 2 workers. */
public class MultithreadBenchmark extends GearboxRuntimeBenchmark {
  /** Created by JMH. */
  public MultithreadBenchmark() {}

  @Override
  protected String kind() {
    return "multithread";
  }
}
