package dev.gearbox.minimal;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.JfrEventConformanceTests;
import java.util.HashMap;
import java.util.Map;

/** The JFR events on the minimal runtime. */
class MinimalJfrConformanceTest extends JfrEventConformanceTests {

  @Override
  protected Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config = new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "minimal"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
