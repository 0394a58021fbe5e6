package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A TCP echo server on a Gearbox runtime: it writes back every byte each client sends, one task per
 * connection, until it is stopped. {@code ./gearbox run-class dev.gearbox.examples.EchoServer
 * --port 7000} runs it on 127.0.0.1:7000 until Ctrl-C, which stops it gracefully (no new
 * connections; open ones are closed; the runtime shuts down). {@code --help} lists the options.
 */
public final class EchoServer implements AutoCloseable {
  private final TcpListener listener;
  private final Set<TcpStream> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final JoinHandle<Long> acceptLoop;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;

  private EchoServer(Runtime runtime, TcpListener listener) {
    this.listener = listener;
    this.acceptLoop = runtime.spawn(acceptConnections());
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}: one task accepts connections and
   * spawns an echo task for each.
   *
   * @param runtime the runtime whose tasks serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static EchoServer start(Runtime runtime, InetSocketAddress address) throws IOException {
    return new EchoServer(runtime, TcpListener.bind(address));
  }

  /**
   * The address the server listens on, with the actual port when started on port 0.
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /**
   * Connections accepted so far.
   *
   * @return the count
   */
  public long connectionsAccepted() {
    return accepted.get();
  }

  /**
   * Waits until the server has stopped (see {@link #close()}).
   *
   * @param timeout the longest wait
   * @return the number of connections it accepted
   * @throws java.util.concurrent.TimeoutException if it is still running after {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted
   */
  public long awaitStopped(Duration timeout) throws Exception {
    return acceptLoop.join(timeout);
  }

  /**
   * Stops the server: no new connection is accepted (the port is free when this returns), and the
   * open connections are closed, which ends their tasks. Idempotent, any thread.
   */
  @Override
  public void close() {
    stopping = true;
    listener.close();
    connections.forEach(TcpStream::close);
  }

  private Future<Long> acceptConnections() {
    return Futures.loop(
            0L,
            (Long count) ->
                listener
                    .accept()
                    .map(
                        stream -> {
                          accepted.incrementAndGet();
                          connections.add(stream);
                          if (stopping) {
                            stream.close(); // accepted while closing: close() may have missed it
                          }
                          Task.spawn(echo(stream));
                          return Step.<Long, Long>next(count + 1);
                        }))
        .recover(
            failure -> {
              if (stopping) {
                return accepted.get(); // the listener was closed: a normal stop
              }
              throw new IllegalStateException(
                  "accepting on " + localAddress() + " failed", failure);
            });
  }

  /** Writes back what the client sends until it closes its side, then closes the connection. */
  private Future<Long> echo(TcpStream stream) {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    return Futures.loop(
            0L,
            (Long echoed) -> {
              buffer.clear();
              return stream
                  .read(buffer)
                  .flatMap(
                      read -> {
                        if (read < 0) {
                          return Futures.ready(Step.<Long, Long>done(echoed));
                        }
                        buffer.flip();
                        return stream
                            .writeAll(buffer)
                            .map(done -> Step.<Long, Long>next(echoed + read));
                      });
            })
        .recover(failure -> -1L) // reset by the client, or closed by close(): nothing to report
        .inspect(
            echoed -> {
              connections.remove(stream);
              stream.close();
            });
  }

  /**
   * Runs the server until Ctrl-C: parses the options, starts the configured runtime and the server,
   * and stops both gracefully from a shutdown hook.
   *
   * @param args the command-line arguments; {@code --help} lists them
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, EchoServer::stopOnShutdown);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Stops {@code server} from a JVM shutdown hook (Ctrl-C), and lets the JVM exit only once {@link
   * #run} has shut the runtime down (or after 10 seconds).
   */
  private static void stopOnShutdown(EchoServer server) {
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  try {
                    server.finished.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "echo-server-shutdown"));
  }

  /**
   * Runs the server with the given streams until it is stopped; returns the exit status.
   *
   * @param onStart called with the running server, to arrange how it is stopped
   * @return 0 after a stop, 1 if the address cannot be bound, 2 on bad usage or configuration
   */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<EchoServer> onStart) {
    EchoServerOptions options;
    try {
      options = EchoServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("echo-server: " + e.getMessage() + "\n" + EchoServerOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(EchoServerOptions.USAGE);
      return 0;
    }
    EchoServer server = null;
    try (Runtime runtime = Runtimes.create(options.config())) {
      try {
        server = start(runtime, options.address());
      } catch (IOException e) {
        err.println("echo-server: " + e.getMessage());
        return 1;
      }
      out.printf(
          "echo server listening on %s (runtime %s); Ctrl-C stops it%n",
          EchoServerOptions.format(server.localAddress()), runtime.kind());
      onStart.accept(server);
      try {
        long connections = server.acceptLoop.join();
        out.printf("echo server stopped after %d connections%n", connections);
      } finally {
        server.close();
      }
      return 0;
    } catch (ConfigException e) {
      err.println("echo-server: " + e.getMessage());
      return 2;
    } finally {
      if (server != null) {
        server.finished.countDown(); // the runtime is shut down: a shutdown hook may let the JVM go
      }
    }
  }
}
