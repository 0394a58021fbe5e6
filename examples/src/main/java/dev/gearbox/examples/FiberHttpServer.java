package dev.gearbox.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.fiber.FiberScope;
import dev.gearbox.fiber.FiberStreams;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link HttpServer} in direct style: a fiber per connection parses requests from a plain {@code
 * InputStream} ({@link FiberStreams}) as a blocking server would, and answers {@code GET /} with a
 * plaintext {@value #HELLO}. Connections are kept alive (HTTP/1.1's default; {@code Connection:
 * close} ends one); pipelined requests are answered in order, the answers to the requests already
 * received written together. A request head over {@value #MAX_HEAD} bytes gets {@code 431}, a body
 * over {@value #MAX_BODY} bytes {@code 413}, a chunked body {@code 501}, each closing the
 * connection.
 *
 * <p>{@code ./gearbox run-class dev.gearbox.examples.FiberHttpServer --port 8080}; then {@code curl
 * -v http://127.0.0.1:8080/}.
 */
public final class FiberHttpServer implements ExampleServer {
  /** The body of every {@code 200}. */
  static final String HELLO = "Hello, World!";

  /** The largest request head: request line, headers and the blank line. */
  static final int MAX_HEAD = 8192;

  /** The largest request body. */
  static final int MAX_BODY = 65_536;

  /** How long a connection closed after an error keeps reading what the client still sends. */
  static final Duration LINGER = Duration.ofSeconds(2);

  static final String USAGE =
      """
      usage: ./gearbox run-class dev.gearbox.examples.FiberHttpServer [--port N] [--host ADDRESS]
                 [--runtime KIND] [--set KEY=VALUE]... [--help]

        --port N           the port to listen on, 0 to 65535 (0: a free one); default 8080
        --host ADDRESS     the address to listen on; default 127.0.0.1 (loopback only)
        --runtime KIND     the runtime to use; without it the usual configuration applies
        --set KEY=VALUE    one more configuration value, such as --set gearbox.workers=2
        --help             print this help and exit

      It answers GET / with Hello, World!; try: curl -v http://127.0.0.1:8080/
      """;

  /** The answer to one request, and whether the connection stays open after it. */
  private record Answer(int status, String body, boolean head, boolean keepAlive) {
    static Answer error(int status, String reason) {
      return new Answer(status, reason + "\n", false, false);
    }
  }

  private final FiberAcceptor acceptor;
  private final AtomicLong requests = new AtomicLong();
  private final JoinHandle<Long> serving;

  private FiberHttpServer(Runtime runtime, TcpListener listener) {
    this.acceptor = new FiberAcceptor(listener);
    this.serving = runtime.spawnFiber(() -> acceptor.serve(this::serve));
  }

  /** Reads requests and writes their answers until the client or an answer closes. */
  private void serve(TcpStream stream) throws IOException {
    InputStream in = new BufferedInputStream(FiberStreams.input(stream), MAX_HEAD);
    OutputStream out = new BufferedOutputStream(FiberStreams.output(stream));
    while (true) {
      Answer answer = readRequest(in);
      if (answer == null) {
        return; // the client closed the connection
      }
      write(answer, out);
      requests.incrementAndGet();
      if (!answer.keepAlive()) {
        out.flush();
        linger(stream, in);
        return;
      }
      if (in.available() == 0) {
        out.flush(); // no pipelined request is waiting: send the answers now
      }
    }
  }

  /** Reads one request (head and body) and decides its answer; null at the end of the stream. */
  private static Answer readRequest(InputStream in) throws IOException {
    try {
      return parseRequest(in);
    } catch (HeadTooLarge tooLarge) {
      return Answer.error(431, tooLarge.getMessage());
    }
  }

  private static Answer parseRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    String requestLine = readLine(in, head);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      return Answer.error(400, "malformed request line: " + requestLine);
    }
    String connection = "";
    long contentLength = 0;
    for (String line = readLine(in, head); !line.isEmpty(); line = readLine(in, head)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return Answer.error(400, "malformed header: " + line);
      }
      String value = line.substring(colon + 1).trim();
      switch (line.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "transfer-encoding" -> {
          return Answer.error(501, "transfer-encoding is not supported");
        }
        case "content-length" -> {
          contentLength = parseLength(value);
          if (contentLength < 0) {
            return Answer.error(400, "content-length " + value + " is not a length");
          }
        }
        default -> {
          // other headers do not change the answer
        }
      }
    }
    if (contentLength > MAX_BODY) {
      return Answer.error(
          413, "a body of " + contentLength + " bytes is larger than " + MAX_BODY + " bytes");
    }
    in.skipNBytes(contentLength); // the body does not change the answer either
    boolean keepAlive =
        parts[2].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("alive");
    return switch (parts[0]) {
      case "GET", "HEAD" ->
          parts[1].equals("/") || parts[1].startsWith("/?")
              ? new Answer(200, HELLO, parts[0].equals("HEAD"), keepAlive)
              : new Answer(404, "no such page: " + parts[1] + "\n", false, keepAlive);
      default -> new Answer(405, parts[0] + " is not allowed: GET or HEAD\n", false, keepAlive);
    };
  }

  /**
   * Reads a line of the request head, without its {@code \r\n}, into {@code head} (which counts the
   * head's size); null at the end of the stream before the line began.
   */
  private static String readLine(InputStream in, StringBuilder head) throws IOException {
    int start = head.length();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        if (head.isEmpty()) {
          return null;
        }
        throw new EOFException("the connection ended inside a request head");
      }
      if (head.length() >= MAX_HEAD) {
        throw new HeadTooLarge();
      }
      head.append((char) c);
    }
    int end = head.length() > start && head.charAt(head.length() - 1) == '\r' ? 1 : 0;
    return head.substring(start, head.length() - end);
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void write(Answer answer, OutputStream out) throws IOException {
    byte[] body = answer.body().getBytes(UTF_8);
    String head =
        "HTTP/1.1 "
            + answer.status()
            + " "
            + phrase(answer.status())
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + (answer.status() == 405 ? "\r\nAllow: GET, HEAD" : "")
            + (answer.keepAlive() ? "" : "\r\nConnection: close")
            + "\r\n\r\n";
    out.write(head.getBytes(ISO_8859_1));
    if (!answer.head()) {
      out.write(body);
    }
  }

  private static String phrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      default -> "Unknown";
    };
  }

  /**
   * Closes our side after a last answer, then reads and discards what the client still sends, for
   * at most {@link #LINGER}: closing with unread bytes would reset the connection, and the reset
   * can destroy the answer before the client reads it. A forked fiber is the timer: it closes the
   * connection, which ends the read.
   */
  private static void linger(TcpStream stream, InputStream in) throws IOException {
    stream.shutdownOutput();
    try (FiberScope scope = FiberScope.open()) {
      scope.fork(
          () -> {
            Fiber.sleep(LINGER);
            stream.close();
            return null;
          });
      in.transferTo(OutputStream.nullOutputStream());
    } // the client closed first: closing the scope cancels the timer
  }

  /** A request head over {@link #MAX_HEAD} bytes. */
  private static final class HeadTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    HeadTooLarge() {
      super("the request head is larger than " + MAX_HEAD + " bytes");
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
  public static FiberHttpServer start(Runtime runtime, InetSocketAddress address)
      throws IOException {
    return new FiberHttpServer(runtime, TcpListener.bind(address));
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
    return serving.join(timeout);
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

  private static final ServerMain.Spec<FiberHttpServer> SPEC =
      new ServerMain.Spec<>("http server", USAGE, 8080, FiberHttpServer::start);

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
      String[] args, PrintStream out, PrintStream err, Consumer<FiberHttpServer> onStart) {
    return ServerMain.run(SPEC, args, out, err, onStart);
  }
}
