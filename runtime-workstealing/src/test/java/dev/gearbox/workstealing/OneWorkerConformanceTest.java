package dev.gearbox.workstealing;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeConformanceTests;
import java.util.Map;

/**
 * The conformance suite on the work-stealing runtime with one worker (no stealing; every wake local
 * or remote).
 */
class OneWorkerConformanceTest extends RuntimeConformanceTests {

  @Override
  public Runtime createRuntime() {
    return Runtimes.create(
        RuntimeConfig.of(
            Map.of(RuntimeConfig.RUNTIME_KEY, "workstealing", "gearbox.workers", "1")));
  }
}
