package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AcceptorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * A session that fails with a bug is counted (and logged), not swallowed; one whose connection
   * fails with an IOException is a normal end. Either way the connection closes and the loop goes
   * on accepting.
   */
  @Test
  void aSessionsBugIsCountedButAClosedConnectionIsNot() throws Exception {
    try (Runtime runtime = Runtimes.create("workstealing")) {
      Acceptor acceptor = new Acceptor(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
      AtomicInteger sessions = new AtomicInteger();
      runtime.spawn(
          acceptor.run(
              stream ->
                  sessions.getAndIncrement() == 0
                      ? Futures.failed(new IllegalStateException("a bug in the session"))
                      : Futures.failed(new IOException("Connection reset by peer"))));
      try (Socket first = new Socket()) {
        first.connect(acceptor.localAddress());
        first.setSoTimeout((int) WAIT.toMillis());
        assertThat(first.getInputStream().read()).as("first closed").isEqualTo(-1);
        Eventually.await(WAIT, () -> acceptor.sessionFailures() == 1, "the bug counted");
      }
      try (Socket second = new Socket()) {
        second.connect(acceptor.localAddress());
        second.setSoTimeout((int) WAIT.toMillis());
        assertThat(second.getInputStream().read()).as("second closed").isEqualTo(-1);
      }
      Eventually.await(WAIT, () -> acceptor.liveSessions() == 0, "both sessions ended");
      assertThat(acceptor.sessionFailures()).isEqualTo(1);
      assertThat(acceptor.accepted()).isEqualTo(2);
      acceptor.stop();
    }
  }
}
