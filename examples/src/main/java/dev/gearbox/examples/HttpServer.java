package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.time.Time;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server answering {@code GET /} with a plaintext {@value HttpCodec#HELLO}, one
 * task per connection: connections are kept alive (HTTP/1.1's default; {@code Connection: close}
 * ends one), pipelined requests are answered in order (every complete request in the buffer is
 * answered, in one write), and a request head over {@value HttpCodec#MAX_HEAD} bytes gets {@code
 * 431}, a body over {@value HttpCodec#MAX_BODY} bytes {@code 413}, each closing the connection.
 *
 * <p>{@code ./gearbox run-class dev.gearbox.examples.HttpServer --port 8080}; load it with {@code
 * wrk -t2 -c64 -d10s http://127.0.0.1:8080/}.
 */
public final class HttpServer implements ExampleServer {
  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.HttpServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 8080
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      It answers GET / with Hello, World!; try: curl -v http://127.0.0.1:8080/
      """;

  /** How long a connection closed after an error keeps reading what the client still sends. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private static final ServerMain.Spec<HttpServer> SPEC =
      new ServerMain.Spec<>("http server", USAGE, 8080, HttpServer::start);

  private final Acceptor acceptor;
  private final AtomicLong requests = new AtomicLong();
  private final JoinHandle<Long> acceptLoop;

  private HttpServer(Runtime runtime, TcpListener listener) {
    this.acceptor = new Acceptor(listener);
    this.acceptLoop = runtime.spawn(acceptor.run(this::serve));
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}.
   *
   * @param runtime the runtime whose tasks serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static HttpServer start(Runtime runtime, InetSocketAddress address) throws IOException {
    return new HttpServer(runtime, TcpListener.bind(address));
  }

  @Override
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  /**
   * Requests answered so far, errors included.
   *
   * @return the count
   */
  public long requestsAnswered() {
    return requests.get();
  }

  @Override
  public long awaitStopped(Duration timeout) throws Exception {
    return acceptLoop.join(timeout);
  }

  /**
   * Stops the server: no new connection is accepted (the port is free when this returns), and the
   * open connections are closed. Idempotent, any thread.
   */
  @Override
  public void close() {
    acceptor.stop();
    acceptor.closeAll();
  }

  /** What one connection has read and not yet answered. Its task only. */
  private static final class Connection {
    final byte[] buffer = new byte[HttpCodec.MAX_HEAD + HttpCodec.MAX_BODY];
    int length;
    boolean closing;

    /** Answers every complete request in the buffer, in order; empty if there is none. */
    byte[] answerBuffered(AtomicLong requests) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int offset = 0;
      while (!closing) {
        HttpCodec.Request request = HttpCodec.parse(buffer, offset, length);
        if (!request.complete()) {
          break;
        }
        HttpCodec.answer(request, out);
        requests.incrementAndGet();
        offset += request.consumed();
        closing = !request.keepAlive();
      }
      System.arraycopy(buffer, offset, buffer, 0, length - offset);
      length -= offset;
      return out.toByteArray();
    }
  }

  /** Reads requests and writes their answers until the client or an answer closes. */
  private Future<Void> serve(TcpStream stream) {
    Connection connection = new Connection();
    return Futures.loop(
            (Void) null,
            (Void ignored) -> {
              byte[] answers = connection.answerBuffered(requests);
              if (answers.length > 0) {
                return stream
                    .writeAll(ByteBuffer.wrap(answers))
                    .map(
                        written ->
                            connection.closing
                                ? Step.<Void, Void>done(null)
                                : Step.<Void, Void>next(null));
              }
              ByteBuffer free =
                  ByteBuffer.wrap(
                      connection.buffer,
                      connection.length,
                      connection.buffer.length - connection.length);
              return stream
                  .read(free)
                  .map(
                      read -> {
                        if (read < 0) {
                          return Step.<Void, Void>done(null);
                        }
                        connection.length += read;
                        return Step.<Void, Void>next(null);
                      });
            })
        .flatMap(done -> connection.closing ? linger(stream) : Futures.<Void>ready(null));
  }

  /**
   * Closes our side after a last answer, then reads and discards what the client still sends, for
   * at most {@link #LINGER}: closing with unread bytes would reset the connection, and the reset
   * can destroy the answer before the client reads it (a "lingering close", as web servers do).
   */
  private static Future<Void> linger(TcpStream stream) {
    try {
      stream.shutdownOutput();
    } catch (IOException e) {
      return Futures.ready(null); // already gone
    }
    ByteBuffer sink = ByteBuffer.allocate(8192);
    Future<Void> drain =
        Futures.loop(
            (Void) null,
            (Void ignored) -> {
              sink.clear();
              return stream
                  .read(sink)
                  .map(
                      read -> read < 0 ? Step.<Void, Void>done(null) : Step.<Void, Void>next(null));
            });
    return Time.timeout(drain, LINGER).recover(tooLong -> null);
  }

  /**
   * Runs the server until Ctrl-C; {@code --help} lists the options.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    ServerMain.main(SPEC, args);
  }

  /** Runs the server with the given streams until it is stopped; see {@link ServerMain#run}. */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<HttpServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
