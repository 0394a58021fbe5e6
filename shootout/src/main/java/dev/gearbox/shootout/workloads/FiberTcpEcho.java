package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * fiber_tcp_echo: tcp_echo written as fibers ({@link FiberEcho}). C client fibers on loopback, each
 * sending M messages of 64 bytes and awaiting each echo before the next, against an echo server on
 * the same runtime (an accept-loop fiber and one fiber per connection). Unit: a round trip. Each
 * run binds a fresh listener on an ephemeral port of 127.0.0.1, and closes it and aborts the accept
 * loop at the end. On virtual threads it is {@link TcpEcho}'s version (blocking sockets); there is
 * no ForkJoinPool version.
 */
public final class FiberTcpEcho implements Workload {
  private static final Duration CLIENT_DEADLINE = Duration.ofMinutes(5);
  private final int connections;
  private final int messages;

  /**
   * A fiber_tcp_echo of {@code connections} connections of {@code messages} round trips each.
   *
   * @param connections C, at least 1
   * @param messages M, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public FiberTcpEcho(int connections, int messages) {
    this.connections = Checks.atLeast("connections", connections, 1);
    this.messages = Checks.atLeast("messages", messages, 1);
  }

  @Override
  public String name() {
    return "fiber_tcp_echo";
  }

  @Override
  public String unit() {
    return "round trip";
  }

  @Override
  public long unitsPerRun() {
    return (long) connections * messages;
  }

  @Override
  public void run(Runtime runtime) throws IOException, TimeoutException, InterruptedException {
    TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
    JoinHandle<Void> server = runtime.spawnFiber(() -> FiberEcho.acceptLoop(listener));
    try {
      long bytes = roundTrips(runtime, listener.localAddress());
      check(
          bytes == unitsPerRun() * TcpEcho.MESSAGE_SIZE,
          "fiber_tcp_echo echoed " + bytes + " bytes");
    } finally {
      server.abort(); // first: an accept loop that saw its listener closed would fail, unjoined
      listener.close();
    }
  }

  /**
   * Runs the C client fibers against an echo server already listening at {@code server}, on {@code
   * runtime}, and waits for all of them (at most five minutes each).
   *
   * @param runtime the runtime the clients run on
   * @param server the echo server's address
   * @return the bytes echoed back, C × M × 64 when all went well
   * @throws dev.gearbox.runtime.JoinException if a client fails
   * @throws TimeoutException if a client takes longer than five minutes
   * @throws InterruptedException if interrupted while waiting
   */
  public long roundTrips(Runtime runtime, InetSocketAddress server)
      throws TimeoutException, InterruptedException {
    List<JoinHandle<Long>> clients = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      clients.add(runtime.spawnFiber(() -> FiberEcho.client(server, messages)));
    }
    long bytes = 0;
    for (JoinHandle<Long> client : clients) {
      bytes += client.join(CLIENT_DEADLINE);
    }
    return bytes;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    return new TcpEcho(connections, messages).runOnVirtualThreads(executor);
  }
}
