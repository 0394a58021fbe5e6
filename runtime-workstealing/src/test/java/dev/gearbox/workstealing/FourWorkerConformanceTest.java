package dev.gearbox.workstealing;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance suite on the work-stealing runtime with four workers on fewer cores (more
 * stealing and parking than cores).
 */
class FourWorkerConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "workstealing", "gearbox.workers", "4"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
