package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fiber chat server with real loopback clients on blocking sockets. */
@Timeout(60)
class FiberChatServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A blocking line client. */
  private static final class Client implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final PrintWriter out;
    final String welcome;

    Client(InetSocketAddress address) throws IOException {
      socket = new Socket(address.getAddress(), address.getPort());
      socket.setSoTimeout((int) WAIT.toMillis());
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
      welcome = in.readLine(); // once read, this client is in the room
    }

    void say(String line) {
      out.print(line + "\r\n");
      out.flush();
    }

    String read() throws IOException {
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static List<String> realRuntimes() {
    return List.of("minimal", "workstealing", "multithread", "embedded");
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("realRuntimes")
  void everyLineGoesToEveryOtherClientAndAStopSaysGoodbye(String kind) throws Exception {
    try (Runtime runtime = Runtimes.create(kind)) {
      FiberChatServer server =
          FiberChatServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      try (Client ada = new Client(server.localAddress());
          Client bob = new Client(server.localAddress());
          Client cy = new Client(server.localAddress())) {
        assertThat(List.of(ada.welcome, bob.welcome, cy.welcome))
            .containsExactly(
                "* welcome, you are client 1",
                "* welcome, you are client 2",
                "* welcome, you are client 3");

        ada.say("hello from ada");
        assertThat(bob.read()).isEqualTo("[1] hello from ada");
        assertThat(cy.read()).isEqualTo("[1] hello from ada");
        bob.say("hi ada");
        assertThat(ada.read()).as("ada does not get her own line back").isEqualTo("[2] hi ada");
        assertThat(cy.read()).isEqualTo("[2] hi ada");

        cy.close();
        assertThat(ada.read()).isEqualTo("* client 3 left");
        assertThat(bob.read()).isEqualTo("* client 3 left");

        server.close();
        assertThat(ada.read()).isEqualTo(FiberChatServer.GOODBYE);
        assertThat(ada.read()).as("then the connection ends").isNull();
        assertThat(bob.read()).isEqualTo(FiberChatServer.GOODBYE);
        assertThat(bob.read()).isNull();
        assertThat(server.awaitStopped(WAIT)).isEqualTo(3);
        InetSocketAddress address = server.localAddress();
        assertThatThrownBy(() -> new Client(address)).isInstanceOf(ConnectException.class);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void aStopDrainsWhatWasAlreadySaidBeforeTheGoodbye() throws Exception {
    int lines = 200;
    try (Runtime runtime = Runtimes.create("minimal")) {
      FiberChatServer server =
          FiberChatServer.start(runtime, new InetSocketAddress("127.0.0.1", 0));
      try (Client talker = new Client(server.localAddress());
          Client listener = new Client(server.localAddress())) {
        for (int i = 0; i < lines; i++) {
          talker.say("line " + i);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.linesReceived() < lines && System.nanoTime() < deadline) {
          LockSupport.parkNanos(1_000_000); // until the server has taken every line into the room
        }
        assertThat(server.linesReceived()).isEqualTo(lines);

        server.close(); // the listener has read nothing yet

        List<String> received = new ArrayList<>();
        for (String line = listener.read(); line != null; line = listener.read()) {
          received.add(line);
        }
        assertThat(received).hasSize(lines + 1).endsWith(FiberChatServer.GOODBYE);
        assertThat(received.get(0)).isEqualTo("[1] line 0");
        assertThat(received.get(lines - 1)).isEqualTo("[1] line " + (lines - 1));
        assertThat(talker.read()).isEqualTo(FiberChatServer.GOODBYE);
        assertThat(server.awaitStopped(WAIT)).isEqualTo(2);
      } finally {
        server.close();
      }
    }
  }
}
