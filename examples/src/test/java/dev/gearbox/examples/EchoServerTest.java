package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.TaskDump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

@Timeout(60)
class EchoServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EchoServer.run(args, stream(out), stream(err), server -> server.close());
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  /** A blocking client: sends {@code text} and reads the same number of bytes back. */
  private static String echo(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  /**
   * A server whose clients have gone quiet looks stuck from outside; its task dump says why: the
   * accept loop waits in {@code TcpListener.accept}, each session in {@code TcpStream.read}.
   */
  @Test
  void aTaskDumpNamesWhatTheServersTasksWaitIn() throws Exception {
    try (Runtime runtime = Runtimes.create("workstealing")) {
      EchoServer server = EchoServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      try (Socket first = connect(server.localAddress());
          Socket second = connect(server.localAddress())) {
        assertThat(echo(first, "hello")).isEqualTo("hello");
        assertThat(echo(second, "hello")).isEqualTo("hello");
        Eventually.await(
            WAIT,
            () -> {
              TaskDump dump = runtime.dumpTasks();
              return dump.byLeaf().getOrDefault("TcpStream.read", 0L) == 2
                  && dump.byLeaf().getOrDefault("TcpListener.accept", 0L) == 1;
            },
            "two sessions in TcpStream.read and the accept loop in TcpListener.accept");
        assertThat(runtime.dumpTasks().toString()).contains("TcpStream.read", "TcpListener.accept");
      } finally {
        server.close();
        server.awaitStopped(WAIT);
      }
    }
  }

  /** Nothing is kept for a connection that ended: the live count returns to 0. */
  @Test
  void onlyLiveConnectionsAreTracked() throws Exception {
    try (Runtime runtime = Runtimes.create("workstealing")) {
      EchoServer server = EchoServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      try {
        for (int i = 0; i < 200; i++) {
          try (Socket socket = connect(server.localAddress())) {
            assertThat(echo(socket, "ping " + i)).isEqualTo("ping " + i);
          }
        }
        Eventually.await(WAIT, () -> server.liveConnections() == 0, "every connection ended");
        assertThat(server.connectionsAccepted()).isEqualTo(200);
      } finally {
        server.close();
        server.awaitStopped(WAIT);
      }
    }
  }

  /**
   * A failed accept (here the first three, as "Too many open files") is counted, logged and retried
   * after a back-off: the server keeps serving instead of ending.
   */
  @Test
  void aFailedAcceptIsRetriedAndTheServerKeepsServing() throws Exception {
    try (Runtime runtime = Runtimes.create("workstealing")) {
      TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
      AtomicInteger failuresLeft = new AtomicInteger(3);
      Acceptor failing =
          new Acceptor(
              listener,
              () ->
                  failuresLeft.getAndDecrement() > 0
                      ? Futures.failed(new IOException("Too many open files"))
                      : listener.accept());
      EchoServer server = EchoServer.start(runtime, failing);
      try {
        try (Socket socket = connect(server.localAddress())) {
          assertThat(echo(socket, "still here")).isEqualTo("still here");
        }
        assertThat(server.acceptFailures()).isEqualTo(3);
      } finally {
        server.close();
        assertThat(server.awaitStopped(WAIT)).isEqualTo(1);
      }
    }
  }

  @Test
  void echoesEveryClientThenStopsAndFreesThePort() throws Exception {
    try (Runtime runtime = Runtimes.create("minimal")) {
      EchoServer server = EchoServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
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
        server.close();
        assertThat(server.awaitStopped(WAIT)).isEqualTo(5);
        InputStream input = clients.get(0).getInputStream();
        assertThat(input.read()).as("an open connection ends when the server stops").isEqualTo(-1);
        assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
      } finally {
        for (Socket client : clients) {
          client.close();
        }
      }
    }
  }

  @Test
  void theCommandServesUntilStopped() throws Exception {
    CompletableFuture<EchoServer> started = new CompletableFuture<>();
    AtomicInteger status = new AtomicInteger(-1);
    Thread main =
        Thread.ofPlatform()
            .name("echo-server-main")
            .start(
                () ->
                    status.set(
                        EchoServer.run(
                            new String[] {"--port", "0", "--runtime", "minimal"},
                            stream(out),
                            stream(err),
                            started::complete)));
    EchoServer server = started.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    try (Socket client = connect(server.localAddress())) {
      assertThat(echo(client, "hello\n")).isEqualTo("hello\n");
    }
    server.close(); // what the shutdown hook does on Ctrl-C
    assertThat(main.join(WAIT)).isTrue();
    assertThat(status.get()).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("echo server listening on 127.0.0.1:" + server.localAddress().getPort())
        .contains("(runtime minimal)")
        .contains("echo server stopped after 1 connections");
  }

  @Test
  void badOptionsAreClearErrors() throws Exception {
    assertThat(run("--port", "70000")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port 70000 is not allowed: expected an integer from 0 to 65535")
        .contains("usage:");
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--frobnicate'");
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port N");
    try (Runtime runtime = Runtimes.create("minimal")) {
      EchoServer taken = EchoServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      try {
        String port = Integer.toString(taken.localAddress().getPort());
        assertThat(run("--port", port, "--runtime", "minimal")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("bind 127.0.0.1:" + port + ": address already in use");
      } finally {
        taken.close();
      }
    }
  }
}
