package dev.gearbox.benchmarks.io;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.EchoTasks;
import dev.gearbox.shootout.workloads.TcpEcho;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code tcp_echo} workload (docs/workloads.md): C client connections on loopback, each sending
 * M messages of 64 bytes and waiting for each echo before the next, against an echo server on the
 * same runtime (one task per connection), with the shoot-out module's tasks ({@link EchoTasks},
 * {@link TcpEcho}). One invocation is C × M round trips; the {@code roundTrips} counter reports
 * them per second. Quick run: {@code -p messages=500}. It runs on every runtime kind in turn;
 * {@code -p runtime=workstealing} picks one (any installed kind; a single-threaded one ignores
 * {@code workers}); the virtual-thread baseline is {@code VirtualThreadBenchmark.tcpEcho}, the same
 * work written as fibers is {@link FiberTcpEchoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      ForkOptions.HEAP_MIN,
      ForkOptions.HEAP_MAX,
      ForkOptions.PRE_TOUCH,
      ForkOptions.FIBER_OPENS,
      ForkOptions.FIBER_EXPORTS
    })
public class TcpEchoBenchmark {
  /** The runtime kind under test. */
  @Param({"minimal", "workstealing", "multithread", "embedded"})
  public String runtime;

  /** Worker threads (W = 2 on these machines). */
  @Param("2")
  public int workers;

  /** Client connections, C. */
  @Param("64")
  public int connections;

  /** Messages per connection, M. */
  @Param("10000")
  public int messages;

  private Runtime rt;
  private TcpListener listener;

  /** Round trips completed, reported per second by JMH. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Round trips of the current iteration. */
    public long roundTrips;

    /** Resets the count for an iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      roundTrips = 0;
    }
  }

  /**
   * Starts the runtime and the echo server.
   *
   * @throws IOException if the listener cannot be bound
   */
  @Setup(Level.Trial)
  public void start() throws IOException {
    rt =
        Runtimes.create(
            RuntimeConfig.of(
                Map.of(RuntimeConfig.RUNTIME_KEY, runtime, "gearbox.workers", "" + workers)));
    listener = TcpListener.bind(0);
    rt.spawn(EchoTasks.acceptLoop(listener));
  }

  /** Stops the server and the runtime. */
  @TearDown(Level.Trial)
  public void stop() {
    listener.close();
    rt.shutdown(Duration.ofSeconds(10));
  }

  /**
   * C clients of M round trips each, all at once; completes when every client is done.
   *
   * @param counters where the round trips are counted
   * @return the bytes echoed, so the work is not dead code
   * @throws Exception if a client fails
   */
  @Benchmark
  public long echoRoundTrips(Counters counters) throws Exception {
    long bytes = new TcpEcho(connections, messages).roundTrips(rt, listener.localAddress());
    counters.roundTrips += (long) connections * messages;
    return bytes;
  }
}
