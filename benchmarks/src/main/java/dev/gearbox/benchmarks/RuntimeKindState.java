package dev.gearbox.benchmarks;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A runtime of each installed kind in turn ({@link #runtime}), shared by a benchmark's trial: the
 * multi-threaded kinds with two workers (the machine's cores), {@code embedded} on its one executor
 * thread with a task pool of {@value #EMBEDDED_POOL} tasks. The same configuration is used outside
 * JMH through {@link #create(String)}.
 */
@State(Scope.Benchmark)
public class RuntimeKindState {
  /** The kinds a benchmark runs on when no {@code -p runtime=} is given. */
  public static final List<String> KINDS =
      List.of("workstealing", "multithread", "minimal", "embedded");

  /**
   * The task pool given to {@code embedded}; its default (1024) would refuse the ten thousand
   * sleepers of {@code TimerLateness}. Other kinds do not read the key.
   */
  public static final String EMBEDDED_POOL = "100000";

  /** The runtime kind under measurement. */
  @Param({"workstealing", "multithread", "minimal", "embedded"})
  public String runtime;

  /** The runtime itself, started before the trial. */
  public Runtime rt;

  /** Creates the state; JMH calls this. */
  public RuntimeKindState() {}

  /**
   * Creates a runtime of {@code kind} with the configuration of every benchmark here: 2 workers,
   * and the embedded pool of {@value #EMBEDDED_POOL} tasks. A key the chosen kind does not declare
   * is ignored by it, as {@link Runtimes#create(RuntimeConfig)} allows.
   *
   * @param kind an installed kind, such as {@code workstealing}
   * @return the new runtime, running
   * @throws dev.gearbox.runtime.ConfigException if the kind is not installed
   */
  public static Runtime create(String kind) {
    return Runtimes.create(
        RuntimeConfig.of(
            Map.of(
                RuntimeConfig.RUNTIME_KEY,
                kind,
                "gearbox.workers",
                "2",
                "gearbox.embedded.poolSize",
                EMBEDDED_POOL)));
  }

  /** Starts the runtime before the trial. */
  @Setup(Level.Trial)
  public void start() {
    rt = create(runtime);
  }

  /** Shuts it down after the trial. */
  @TearDown(Level.Trial)
  public void stop() {
    rt.shutdown(Duration.ofSeconds(10));
  }
}
