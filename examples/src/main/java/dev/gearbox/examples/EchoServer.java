package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A TCP echo server on a Gearbox runtime: it writes back every byte each client sends, one task per
 * connection, until it is stopped. {@code ./gearbox run-class dev.gearbox.examples.EchoServer
 * --port 7000} runs it on 127.0.0.1:7000 until Ctrl-C, which stops it gracefully (no new
 * connections; open ones are closed; the runtime shuts down). {@code --help} lists the options.
 */
public final class EchoServer implements ExampleServer {
  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.EchoServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 7000
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      It echoes every byte each client sends until stopped with Ctrl-C; try: nc 127.0.0.1 7000
      """;

  private final TcpListener listener;
  private final Set<TcpStream> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final JoinHandle<Long> acceptLoop;
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
  @Override
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
  @Override
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

  private static final ServerMain.Spec<EchoServer> SPEC =
      new ServerMain.Spec<>("echo server", USAGE, 7000, EchoServer::start);

  /**
   * Runs the server until Ctrl-C: parses the options, starts the configured runtime and the server,
   * and stops both gracefully from a shutdown hook.
   *
   * @param args the command-line arguments; {@code --help} lists them
   */
  public static void main(String[] args) {
    ServerMain.main(SPEC, args);
  }

  /** Runs the server with the given streams until it is stopped; see {@link ServerMain#run}. */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<EchoServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
