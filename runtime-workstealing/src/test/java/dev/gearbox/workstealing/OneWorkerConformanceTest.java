package dev.gearbox.workstealing;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance suite on the work-stealing runtime with one worker (no stealing; every wake local
 * or remote).
 */
class OneWorkerConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime(Map<String, String> extraConfig) {
    Map<String, String> config =
        new HashMap<>(Map.of(RuntimeConfig.RUNTIME_KEY, "workstealing", "gearbox.workers", "1"));
    config.putAll(extraConfig);
    return Runtimes.create(RuntimeConfig.of(config));
  }
}
