package dev.gearbox.examples;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@link EchoServer} in direct style: a fiber per connection reads and writes back straight down,
 * with {@link Fiber#await} where the combinator version chains futures. It runs on whichever
 * runtime the configuration chooses. {@code ./gearbox run-class
 * dev.gearbox.examples.FiberEchoServer --port 7000 --runtime minimal}; Ctrl-C stops it gracefully.
 */
public final class FiberEchoServer implements ExampleServer {
  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.FiberEchoServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 7000
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      It echoes every byte each client sends until stopped with Ctrl-C; try: nc 127.0.0.1 7000
      """;

  private final FiberAcceptor acceptor;
  private final JoinHandle<Long> serving;

  private FiberEchoServer(Runtime runtime, TcpListener listener) {
    this.acceptor = new FiberAcceptor(listener);
    this.serving = runtime.spawnFiber(() -> acceptor.serve(FiberEchoServer::echo));
  }

  /** Writes back what the client sends until it closes its side. */
  private static void echo(TcpStream stream) {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (Fiber.await(stream.read(buffer.clear())) > 0) {
      Fiber.await(stream.writeAll(buffer.flip()));
    }
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}.
   *
   * @param runtime the runtime whose fibers serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static FiberEchoServer start(Runtime runtime, InetSocketAddress address)
      throws IOException {
    return new FiberEchoServer(runtime, TcpListener.bind(address));
  }

  @Override
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  @Override
  public long awaitStopped(Duration timeout) throws Exception {
    return serving.join(timeout);
  }

  /**
   * Stops the server: no new connection is accepted (the port is free when this returns), and the
   * open connections are closed, which ends their fibers. Idempotent, any thread.
   */
  @Override
  public void close() {
    acceptor.stop();
    acceptor.closeAll();
  }

  private static final ServerMain.Spec<FiberEchoServer> SPEC =
      new ServerMain.Spec<>("echo server", USAGE, 7000, FiberEchoServer::start);

  /**
   * Runs the server until Ctrl-C; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    ServerMain.main(SPEC, args);
  }

  /** Runs the server with the given streams until it is stopped; see {@link ServerMain#run}. */
  static int run(
      String[] args, PrintStream out, PrintStream err, Consumer<FiberEchoServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
