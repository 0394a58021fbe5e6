package dev.gearbox.multithread;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;

/** The conformance suite on the multithread runtime with 4 worker(s). */
class FourWorkerConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "multithread", "gearbox.workers", "4"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }

  /** The monitor would replace a worker kept inside a poll: turned off where a test needs that. */
  @Override
  public Map<String, String> fixedWorkersConfig() {
    return Map.of(MultithreadRuntimeProvider.MAX_EXTRA_WORKERS.name(), "0");
  }
}
