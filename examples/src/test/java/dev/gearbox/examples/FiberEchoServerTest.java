package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class FiberEchoServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  /** A blocking client: sends {@code text} and reads the same number of bytes back. */
  private static String echo(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"minimal", "workstealing", "multithread", "embedded"})
  void echoesEveryClientThenStopsAndFreesThePort(String kind) throws Exception {
    try (Runtime runtime = Runtimes.create(kind)) {
      FiberEchoServer server =
          FiberEchoServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      InetSocketAddress address = server.localAddress();
      List<Socket> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          clients.add(connect(address));
        }
        for (int round = 0; round < 3; round++) {
          for (int i = 0; i < clients.size(); i++) {
            String message = "client " + i + " round " + round + "\n";
            assertThat(echo(clients.get(i), message)).isEqualTo(message);
          }
        }
        String large = "x".repeat(100_000);
        assertThat(echo(clients.get(0), large)).isEqualTo(large);
        server.close();
        assertThat(server.awaitStopped(WAIT)).isEqualTo(5);
        assertThat(clients.get(0).getInputStream().read())
            .as("an open connection ends when the server stops")
            .isEqualTo(-1);
        assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
      } finally {
        for (Socket client : clients) {
          client.close();
        }
      }
    }
  }

  @Test
  void theCommandServesOnTheRuntimeItNames() throws Exception {
    CompletableFuture<FiberEchoServer> started = new CompletableFuture<>();
    AtomicInteger status = new AtomicInteger(-1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread main =
        Thread.ofPlatform()
            .start(
                () ->
                    status.set(
                        FiberEchoServer.run(
                            new String[] {"--port", "0", "--runtime", "workstealing"},
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            System.err,
                            started::complete)));
    FiberEchoServer server = started.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    try (Socket client = connect(server.localAddress())) {
      assertThat(echo(client, "hello\n")).isEqualTo("hello\n");
    }
    server.close(); // what the shutdown hook does on Ctrl-C
    assertThat(main.join(WAIT)).isTrue();
    assertThat(status.get()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("(runtime workstealing)")
        .contains("echo server stopped after 1 connections");
  }
}
