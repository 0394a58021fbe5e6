package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A TCP echo server on a Gearbox runtime: it writes back every byte each client sends, one task per
 * connection, until it is stopped. It keeps nothing for connections that ended, and a failed accept
 * (such as {@code Too many open files}) is logged and retried after a back-off, not the end of the
 * server (see {@link Acceptor}). {@code ./gearbox run-class dev.gearbox.examples.EchoServer --port
 * 7000} runs it on 127.0.0.1:7000 until Ctrl-C, which stops it gracefully (no new connections; open
 * ones are closed; the runtime shuts down). {@code --help} lists the options.
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

  private final Acceptor acceptor;
  private final JoinHandle<Long> acceptLoop;

  private EchoServer(Runtime runtime, Acceptor acceptor) {
    this.acceptor = acceptor;
    this.acceptLoop = runtime.spawn(acceptor.run(EchoServer::echo));
  }

  /** Starts serving the connections of {@code acceptor} (for tests: one that fails accepts). */
  static EchoServer start(Runtime runtime, Acceptor acceptor) {
    return new EchoServer(runtime, acceptor);
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
    return new EchoServer(runtime, new Acceptor(TcpListener.bind(address)));
  }

  /**
   * The address the server listens on, with the actual port when started on port 0.
   *
   * @return the local address
   */
  @Override
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  /**
   * Connections accepted so far.
   *
   * @return the count
   */
  public long connectionsAccepted() {
    return acceptor.accepted();
  }

  /**
   * The connections open now; those that ended are not tracked.
   *
   * @return the count
   */
  public int liveConnections() {
    return acceptor.liveSessions();
  }

  /**
   * Accepts that failed (such as {@code Too many open files}) and were retried after a back-off.
   *
   * @return the count
   */
  public long acceptFailures() {
    return acceptor.acceptFailures();
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
    acceptor.stop();
    acceptor.closeAll();
  }

  /** Writes back what the client sends until it closes its side, then closes the connection. */
  private static Future<Void> echo(TcpStream stream) {
    return TcpStream.copy(stream, stream).map(copied -> (Void) null);
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
