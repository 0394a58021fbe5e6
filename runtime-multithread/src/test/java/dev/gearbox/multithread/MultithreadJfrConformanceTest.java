package dev.gearbox.multithread;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.JfrEventConformanceTests;
import java.util.HashMap;
import java.util.Map;

/** The JFR events on the multithread runtime. */
class MultithreadJfrConformanceTest extends JfrEventConformanceTests {

  @Override
  protected Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config = new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "multithread"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
