package dev.gearbox.embedded;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance suite on the embedded runtime, its pool sized for the suite's largest test
 * (100,000 tasks alive at once).
 */
class EmbeddedConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(
            Map.of(
                RuntimeConfig.RUNTIME_KEY,
                "embedded",
                EmbeddedRuntimeProvider.POOL_SIZE.name(),
                "200000"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
