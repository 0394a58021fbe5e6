package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fiber echo server on the {@code simulated} runtime, chosen by configuration as any other:
 * server and clients are fibers of one simulation, ordered by its seed, with sockets in its
 * network. runtime-testkit provides that runtime; the POM's {@code simulated} Surefire execution
 * puts it on the class path for this test only (elsewhere {@code Runtimes.available()} would list
 * it, and the tests that run on every installed runtime would try it with real sockets).
 */
@Timeout(60)
class FiberEchoServerSimulationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int CLIENTS = 3;
  private static final int ROUNDS = 3;

  @BeforeEach
  void simulatedIsInstalled() {
    assumeTrue(
        Runtimes.available().contains("simulated"),
        "runtime-testkit is on the class path (the POM's `simulated` execution)");
  }

  private static Runtime simulated(long seed) {
    return Runtimes.create(
        RuntimeConfig.of(
            Map.of("gearbox.runtime", "simulated", "gearbox.sim.seed", Long.toString(seed))));
  }

  /**
   * Starts the server and {@link #CLIENTS} clients inside the simulation, and returns the order in
   * which the echoes came back: the interleaving the seed chose.
   */
  private static List<String> echoInSimulation(Runtime runtime) throws Exception {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<FiberEchoServer> started = new ArrayList<>();
    runFiber(
        runtime,
        () -> {
          // bound inside the runtime: its sockets live in the simulation's network
          FiberEchoServer server =
              FiberEchoServer.start(
                  runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
          started.add(server);
          List<JoinHandle<Void>> clients = new ArrayList<>();
          for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            clients.add(Fiber.spawn(() -> converse(server.localAddress(), client, order)));
          }
          for (JoinHandle<Void> client : clients) {
            Fiber.await(client);
          }
          server.close();
          return null;
        });
    assertThat(started.get(0).awaitStopped(WAIT)).isEqualTo(CLIENTS);
    return order;
  }

  /**
   * Runs {@code body} as a fiber of {@code runtime} and waits for it. The fiber is spawned by a
   * task of the simulation, not by the test's thread: a spawn from another thread arrives whenever
   * it arrives, outside the seed's control.
   */
  private static <T> T runFiber(Runtime runtime, Callable<T> body) {
    return runtime.blockOn(Futures.lazy(() -> runtime.spawnFiber(body)).flatMap(fiber -> fiber));
  }

  private static Void converse(InetSocketAddress address, int client, List<String> order) {
    try (TcpStream stream = Fiber.await(TcpStream.connect(address))) {
      for (int round = 0; round < ROUNDS; round++) {
        String message = "client " + client + " round " + round + "\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Fiber.await(stream.writeAll(ByteBuffer.wrap(bytes)));
        ByteBuffer reply = ByteBuffer.allocate(bytes.length);
        Fiber.await(stream.readExact(reply));
        assertThat(new String(reply.array(), StandardCharsets.UTF_8)).isEqualTo(message);
        order.add(client + "." + round);
      }
      return null;
    }
  }

  @Test
  void everyClientGetsItsEchoUnderEverySeed() throws Exception {
    Set<List<String>> interleavings = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      try (Runtime runtime = simulated(seed)) {
        List<String> order = echoInSimulation(runtime);
        assertThat(order).as("seed %d", seed).hasSize(CLIENTS * ROUNDS);
        interleavings.add(order);
      }
    }
    assertThat(interleavings).as("the seeds choose different interleavings").hasSizeGreaterThan(1);
  }

  @Test
  void theSameSeedGivesTheSameInterleaving() throws Exception {
    List<String> first;
    try (Runtime runtime = simulated(42)) {
      first = echoInSimulation(runtime);
    }
    for (int run = 0; run < 5; run++) {
      try (Runtime runtime = simulated(42)) {
        assertThat(echoInSimulation(runtime)).as("run %d", run).isEqualTo(first);
      }
    }
  }
}
