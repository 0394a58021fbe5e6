package dev.gearbox.benchmarks.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The echo load client of the I/O shoot-out ({@code benchmarks/io-shootout.sh}), the echo
 * counterpart of wrk: C connections, each sending a message of S bytes and waiting for its whole
 * echo before sending the next, driven by T threads with one NIO selector each (as wrk's threads
 * each run an event loop). Prints the round trips per second over the measured seconds.
 *
 * <p>Usage: {@code EchoLoadClient HOST PORT [--connections 64] [--size 64] [--seconds 10] [--warmup
 * 2] [--threads 2]}. Round trips completed during the warm-up are not counted. A connection that
 * fails ends the run with exit status 1.
 */
public final class EchoLoadClient {
  private final InetSocketAddress address;
  private final int size;
  private final LongAdder roundTrips = new LongAdder();
  private final AtomicBoolean running = new AtomicBoolean(true);

  private EchoLoadClient(InetSocketAddress address, int size) {
    this.address = address;
    this.size = size;
  }

  /**
   * Runs the load and prints {@code echo round trips/s: N}.
   *
   * @param args the host, the port, then options as in the class comment
   * @throws Exception if a connection fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: EchoLoadClient HOST PORT [--connections 64] [--size 64] [--seconds 10]"
              + " [--warmup 2] [--threads 2]");
      System.exit(2);
    }
    InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int connections = 64;
    int size = 64;
    int seconds = 10;
    int warmup = 2;
    int threads = 2;
    for (int i = 2; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--connections" -> connections = value;
        case "--size" -> size = value;
        case "--seconds" -> seconds = value;
        case "--warmup" -> warmup = value;
        case "--threads" -> threads = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    EchoLoadClient client = new EchoLoadClient(address, size);
    List<Thread> loops = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = connections / threads + (t < connections % threads ? 1 : 0);
      Thread loop =
          new Thread(
              () -> {
                try {
                  client.run(share);
                } catch (IOException | RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                  client.running.set(false);
                }
              },
              "echo-load-" + t);
      loop.start();
      loops.add(loop);
    }
    Thread.sleep(warmup * 1000L);
    long before = client.roundTrips.sum();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long after = client.roundTrips.sum();
    long elapsed = System.nanoTime() - start;
    client.running.set(false);
    for (Thread loop : loops) {
      loop.join();
    }
    if (!failures.isEmpty()) {
      System.err.println("echo load client failed: " + failures.get(0));
      System.exit(1);
    }
    System.out.printf(
        "%d connections, %d-byte messages, %d s: %d round trips%n",
        connections, size, seconds, after - before);
    System.out.printf("echo round trips/s: %.0f%n", (after - before) * 1e9 / elapsed);
  }

  /** One connection's message buffer: written whole, then read back whole. */
  private static final class Session {
    final ByteBuffer out;
    final ByteBuffer in;

    Session(int size) {
      byte[] message = new byte[size];
      for (int i = 0; i < size; i++) {
        message[i] = (byte) ('a' + i % 26);
      }
      out = ByteBuffer.wrap(message);
      in = ByteBuffer.allocate(size);
    }
  }

  /** One thread's event loop over its connections; read interest stays armed throughout. */
  private void run(int connections) throws IOException {
    try (Selector selector = Selector.open()) {
      List<SocketChannel> channels = new ArrayList<>();
      try {
        for (int i = 0; i < connections; i++) {
          SocketChannel channel = SocketChannel.open(address);
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          channel.configureBlocking(false);
          channels.add(channel);
          Session session = new Session(size);
          channel.register(selector, SelectionKey.OP_READ, session);
          send(channel, session);
        }
        while (running.get()) {
          selector.select(
              key -> {
                try {
                  receive(key);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              100);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        for (SocketChannel channel : channels) {
          channel.close();
        }
      }
    }
  }

  private void receive(SelectionKey key) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    Session session = (Session) key.attachment();
    int read = channel.read(session.in);
    if (read < 0) {
      throw new IOException("the server closed a connection");
    }
    if (!session.in.hasRemaining()) {
      roundTrips.increment();
      session.in.clear();
      send(channel, session);
    }
  }

  /** Writes the message; 64 bytes always fit a fresh socket buffer, so this never waits. */
  private static void send(SocketChannel channel, Session session) throws IOException {
    session.out.clear();
    while (session.out.hasRemaining()) {
      channel.write(session.out);
    }
  }
}
