package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fiber HTTP server with raw sockets (keep-alive, pipelining, limits) and the JDK's HttpClient.
 */
@Timeout(60)
class FiberHttpServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

  private Runtime runtime;
  private FiberHttpServer server;

  /** A response read off a raw socket. */
  record Response(int status, Map<String, String> headers, String body) {}

  @BeforeEach
  void start() throws IOException {
    runtime = Runtimes.create("workstealing");
    server = FiberHttpServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    server.awaitStopped(WAIT);
    runtime.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.localAddress().getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Reads one response: the status line, headers, and a body of Content-Length bytes. */
  private static Response read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    assertThat(statusLine).startsWith("HTTP/1.1 ");
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.get("content-length"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Response(status, headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      assertThat(b).as("the connection ended inside a response").isNotEqualTo(-1);
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void keepsTheConnectionAliveAcrossRequests() throws IOException {
    try (Socket socket = connect()) {
      for (int i = 0; i < 3; i++) {
        send(socket, GET);
        Response response = read(socket.getInputStream(), false);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, World!");
        assertThat(response.headers())
            .containsEntry("content-type", "text/plain; charset=utf-8")
            .doesNotContainKey("connection");
      }
    }
    assertThat(server.requestsAnswered()).isEqualTo(3);
  }

  @Test
  void answersPipelinedRequestsInOrder() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          GET
              + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
              + "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
              + "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
              + GET);
      InputStream in = socket.getInputStream();
      assertThat(read(in, false).status()).isEqualTo(200);
      Response missing = read(in, false);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("no such page: /missing\n");
      Response head = read(in, true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers()).containsEntry("content-length", "13");
      Response post = read(in, false);
      assertThat(post.status()).isEqualTo(405);
      assertThat(post.headers()).containsEntry("allow", "GET, HEAD");
      assertThat(read(in, false).body()).isEqualTo("Hello, World!");
      send(socket, GET); // still open
      assertThat(read(in, false).status()).isEqualTo(200);
    }
  }

  @Test
  void connectionCloseAndHttp10CloseAfterTheAnswer() throws IOException {
    for (String request :
        List.of(
            "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\nHost: x\r\n\r\n")) {
      try (Socket socket = connect()) {
        send(socket, request);
        Response response = read(socket.getInputStream(), false);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("connection", "close");
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void anOversizedHeadGets431AndTheConnectionCloses() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(FiberHttpServer.MAX_HEAD) + "\r\n\r\n");
      Response response = read(socket.getInputStream(), false);
      assertThat(response.status()).isEqualTo(431);
      assertThat(response.body()).isEqualTo("the request head is larger than 8192 bytes\n");
      assertThat(response.headers()).containsEntry("connection", "close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void anOversizedBodyGets413() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST / HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n" + "b".repeat(10_000));
      Response response = read(socket.getInputStream(), false);
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.body()).contains("1000000 bytes is larger than 65536 bytes");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void malformedRequestsGet400() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "HELLO\r\n\r\n");
      Response response = read(socket.getInputStream(), false);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("malformed request line: HELLO\n");
    }
  }

  @Test
  void theJdkHttpClientGetsHelloWorld() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort() + "/");
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        responses.add(
            client.sendAsync(
                HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Hello, World!");
      }
    }
    assertThat(server.requestsAnswered()).isEqualTo(50);
  }
}
