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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeoutException;

/**
 * tcp_echo: C client connections on loopback, each sending M messages of 64 bytes and waiting for
 * each echo before the next, against an echo server (one task per connection) on the same runtime.
 * Unit: a round trip. Each run binds a fresh listener on an ephemeral port of 127.0.0.1 and closes
 * it at the end. On virtual threads: blocking {@code SocketChannel}s, one virtual thread per
 * connection on each side. On the ForkJoinPool: NIO.2 asynchronous sockets whose completions run on
 * the pool as {@code CompletableFuture} continuations ({@link AsyncChannelEcho}).
 */
public final class TcpEcho implements Workload {
  /** The size of each message, as the workload defines it. */
  public static final int MESSAGE_SIZE = 64;

  private static final Duration CLIENT_DEADLINE = Duration.ofMinutes(5);
  private final int connections;
  private final int messages;

  /**
   * A tcp_echo of {@code connections} connections of {@code messages} round trips each.
   *
   * @param connections C, at least 1
   * @param messages M, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public TcpEcho(int connections, int messages) {
    this.connections = Checks.atLeast("connections", connections, 1);
    this.messages = Checks.atLeast("messages", messages, 1);
  }

  @Override
  public String name() {
    return "tcp_echo";
  }

  @Override
  public String unit() {
    return "round trip";
  }

  @Override
  public long unitsPerRun() {
    return (long) connections * messages;
  }

  private long expectedBytes() {
    return unitsPerRun() * MESSAGE_SIZE;
  }

  @Override
  public void run(Runtime runtime) throws IOException, TimeoutException, InterruptedException {
    TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
    JoinHandle<?> server = runtime.spawn(EchoTasks.acceptLoop(listener));
    try {
      long bytes = roundTrips(runtime, listener.localAddress());
      check(bytes == expectedBytes(), "tcp_echo echoed " + bytes + " bytes");
    } finally {
      server.abort(); // first: an accept loop that saw its listener closed would fail, unjoined
      listener.close();
    }
  }

  /**
   * Runs the C clients against an echo server already listening at {@code server}, on {@code
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
      clients.add(runtime.spawn(EchoTasks.client(server, messages)));
    }
    long bytes = 0;
    for (JoinHandle<Long> client : clients) {
      bytes += client.join(CLIENT_DEADLINE);
    }
    return bytes;
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) throws Exception {
    long bytes = AsyncChannelEcho.run(pool, connections, messages);
    check(bytes == expectedBytes(), "tcp_echo echoed " + bytes + " bytes");
    return true;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    long bytes = BlockingEcho.run(executor, connections, messages);
    check(bytes == expectedBytes(), "tcp_echo echoed " + bytes + " bytes");
    return true;
  }
}
