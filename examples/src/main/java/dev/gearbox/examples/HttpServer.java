package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server answering {@code GET /} with a plaintext {@value HttpCodec#HELLO}, one
 * task per connection: connections are kept alive (HTTP/1.1's default; {@code Connection: close}
 * ends one), pipelined requests are answered in order (every complete request in the buffer is
 * answered, in one write), and a request head over {@value HttpCodec#MAX_HEAD} bytes gets {@code
 * 431}, a body over {@value HttpCodec#MAX_BODY} bytes {@code 413}, each closing the connection.
 *
 * <p>Slow and idle clients are cut off ({@link Timeouts}): a request must arrive whole within the
 * header-read timeout from its first byte, or it gets {@code 408} and the connection closes (a
 * "slowloris" client holds no connection for long); a connection that waits for its next request,
 * or does not take its answer, longer than the idle timeout is closed. A connection's buffer starts
 * small and grows only as a request needs it, up to the head and body limits, so an idle connection
 * costs a few kilobytes. A failed accept is logged and retried after a back-off (see {@link
 * Acceptor}), and no state is kept for connections that ended.
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

  /** The size a connection's buffer starts at, and returns to after a larger request. */
  static final int INITIAL_BUFFER = 2048;

  /**
   * The time limits of a connection.
   *
   * @param headerRead how long a request may take to arrive, from its first byte to its last (head
   *     and body); past it the answer is {@code 408} and the connection closes
   * @param idle how long a connection may wait for the first byte of its next request, or for the
   *     client to take an answer, before it is closed
   */
  public record Timeouts(Duration headerRead, Duration idle) {
    /** The defaults: 10 seconds to send a request, 60 seconds idle between requests. */
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException naming a limit that is not positive
     * @throws NullPointerException if a limit is null
     */
    public Timeouts {
      requirePositive("headerRead", headerRead);
      requirePositive("idle", idle);
    }

    private static void requirePositive(String name, Duration value) {
      if (value == null) {
        throw new NullPointerException(name);
      }
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "the " + name + " timeout is " + value + ": it must be positive");
      }
    }
  }

  private static final ServerMain.Spec<HttpServer> SPEC =
      new ServerMain.Spec<>("http server", USAGE, 8080, HttpServer::start);

  private final Acceptor acceptor;
  private final Timeouts timeouts;
  private final AtomicLong requests = new AtomicLong();
  private final JoinHandle<Long> acceptLoop;

  private HttpServer(Runtime runtime, Acceptor acceptor, Timeouts timeouts) {
    this.acceptor = acceptor;
    this.timeouts = timeouts;
    this.acceptLoop = runtime.spawn(acceptor.run(this::serve));
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime}, with the {@link Timeouts#DEFAULT
   * default timeouts}.
   *
   * @param runtime the runtime whose tasks serve the clients
   * @param address where to listen; port 0 picks a free port
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static HttpServer start(Runtime runtime, InetSocketAddress address) throws IOException {
    return start(runtime, address, Timeouts.DEFAULT);
  }

  /**
   * Binds {@code address} and starts serving on {@code runtime} with the given timeouts.
   *
   * @param runtime the runtime whose tasks serve the clients
   * @param address where to listen; port 0 picks a free port
   * @param timeouts the time limits of each connection
   * @return the running server
   * @throws IOException naming the address if it cannot be bound ("address already in use")
   */
  public static HttpServer start(Runtime runtime, InetSocketAddress address, Timeouts timeouts)
      throws IOException {
    Objects.requireNonNull(timeouts, "timeouts");
    return new HttpServer(runtime, new Acceptor(TcpListener.bind(address)), timeouts);
  }

  /** Starts serving the connections of {@code acceptor} (for tests: one that fails accepts). */
  static HttpServer start(Runtime runtime, Acceptor acceptor, Timeouts timeouts) {
    return new HttpServer(runtime, acceptor, timeouts);
  }

  /**
   * The connections open now; those that ended are not tracked.
   *
   * @return the count
   */
  public int liveConnections() {
    return acceptor.liveSessions();
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
    byte[] buffer = new byte[INITIAL_BUFFER];
    int length;
    boolean closing;

    /** When the first byte of the request being read came, on the runtime's clock; -1: none. */
    long requestStart = -1;

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
      if (offset > 0) {
        System.arraycopy(buffer, offset, buffer, 0, length - offset);
        length -= offset;
        requestStart = -1; // what is left is the start of the next request
        if (length == 0 && buffer.length > INITIAL_BUFFER) {
          buffer = new byte[INITIAL_BUFFER]; // an idle connection holds a small buffer only
        }
      }
      return out.toByteArray();
    }

    /** The free end of the buffer, grown (doubled, up to the limits) when it is full. */
    ByteBuffer free() {
      if (length == buffer.length) {
        int larger = Math.min(buffer.length * 2, HttpCodec.MAX_HEAD + HttpCodec.MAX_BODY);
        buffer = Arrays.copyOf(buffer, larger);
      }
      return ByteBuffer.wrap(buffer, length, buffer.length - length);
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
                return write(stream, answers, connection);
              }
              return readMore(stream, connection);
            })
        .flatMap(done -> connection.closing ? linger(stream) : Futures.<Void>ready(null));
  }

  /** Writes answers; a client that does not take them within the idle timeout is cut off. */
  private Future<Step<Void, Void>> write(TcpStream stream, byte[] answers, Connection connection) {
    return Time.timeout(stream.writeAll(ByteBuffer.wrap(answers)), timeouts.idle())
        .map(
            written ->
                connection.closing ? Step.<Void, Void>done(null) : Step.<Void, Void>next(null));
  }

  /**
   * Reads more of the next request: for at most the idle timeout while nothing of it came (then the
   * connection closes quietly), else for what is left of the header-read timeout since its first
   * byte (then the answer is 408 and the connection closes).
   */
  private Future<Step<Void, Void>> readMore(TcpStream stream, Connection connection) {
    Clock clock = Runtime.current().clock();
    boolean idle = connection.length == 0;
    if (!idle && connection.requestStart < 0) {
      connection.requestStart = clock.nanoTime(); // a pipelined request's start was buffered
    }
    Duration limit =
        idle
            ? timeouts.idle()
            : timeouts.headerRead().minusNanos(clock.nanoTime() - connection.requestStart);
    return Time.timeout(stream.read(connection.free()), limit)
        .<Object>map(read -> read)
        .recover(failure -> failure)
        .flatMap(
            outcome -> {
              if (outcome instanceof Integer read) {
                if (read < 0) {
                  return Futures.ready(Step.<Void, Void>done(null));
                }
                if (connection.length == 0 && read > 0) {
                  connection.requestStart = clock.nanoTime();
                }
                connection.length += read;
                return Futures.ready(Step.<Void, Void>next(null));
              }
              if (outcome instanceof TimedOutException) {
                return idle
                    ? Futures.ready(Step.<Void, Void>done(null)) // idle too long: close quietly
                    : requestTimedOut(stream, connection);
              }
              return Futures.failed((Throwable) outcome);
            });
  }

  /** Answers 408 to a request that did not arrive in time; the connection then closes. */
  private Future<Step<Void, Void>> requestTimedOut(TcpStream stream, Connection connection) {
    connection.closing = true;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HttpCodec.answer(
        HttpCodec.Request.error(
            408, "the request did not arrive within " + timeouts.headerRead().toMillis() + " ms"),
        out);
    requests.incrementAndGet();
    return write(stream, out.toByteArray(), connection);
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
