package dev.gearbox.minimal;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;

/** The conformance suite on the minimal runtime with two runner threads (stealing between them). */
class MinimalTwoRunnerConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "minimal", "gearbox.workers", "2"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
