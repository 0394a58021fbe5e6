package dev.gearbox.benchmarks.io;

import dev.gearbox.benchmarks.ForkOptions;
import dev.gearbox.fiber.Fiber;
import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.FiberEcho;
import dev.gearbox.shootout.workloads.FiberTcpEcho;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * fiber_tcp_echo: {@link TcpEchoBenchmark}'s work written as fibers ({@link FiberEcho}, {@link
 * FiberTcpEcho}): an accept-loop fiber, one echo fiber per connection and C client fibers, each
 * awaiting {@code TcpStream} reads and writes with {@code Fiber.await}. One invocation is C × M
 * round trips; the {@code roundTrips} counter reports them per second. Quick run: {@code -p
 * messages=500}; {@code -p runtime=workstealing} picks one runtime kind. The fork prints what
 * carries its fibers.
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
      ForkOptions.FIBER_OPENS
    })
public class FiberTcpEchoBenchmark {
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
  private JoinHandle<Void> server;

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
    server = rt.spawnFiber(() -> FiberEcho.acceptLoop(listener));
    System.out.println("fibers carried by: " + Fiber.carrier());
  }

  /** Stops the server and the runtime. */
  @TearDown(Level.Trial)
  public void stop() {
    listener.close();
    server.abort();
    rt.shutdown(Duration.ofSeconds(10));
  }

  /**
   * C client fibers of M round trips each, all at once; completes when every client is done.
   *
   * @param counters where the round trips are counted
   * @return the bytes echoed, so the work is not dead code
   * @throws Exception if a client fails
   */
  @Benchmark
  public long echoRoundTrips(TcpEchoBenchmark.Counters counters) throws Exception {
    long bytes = new FiberTcpEcho(connections, messages).roundTrips(rt, listener.localAddress());
    counters.roundTrips += (long) connections * messages;
    return bytes;
  }
}
