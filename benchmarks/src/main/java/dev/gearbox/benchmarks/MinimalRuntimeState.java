package dev.gearbox.benchmarks;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A minimal runtime with two runner threads (the machine's cores), shared by a benchmark's trial.
 */
@State(Scope.Benchmark)
public class MinimalRuntimeState {
  /** The runtime under measurement. */
  public Runtime runtime;

  /** Creates the state; JMH calls this. */
  public MinimalRuntimeState() {}

  /** Starts the runtime before the trial. */
  @Setup(Level.Trial)
  public void start() {
    runtime =
        Runtimes.create(
            RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, "minimal", "gearbox.workers", "2")));
  }

  /** Shuts it down after the trial. */
  @TearDown(Level.Trial)
  public void stop() {
    runtime.shutdown(Duration.ofSeconds(10));
  }
}
