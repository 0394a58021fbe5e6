package dev.gearbox.io.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read interest stays armed across a reader's drain-and-wait, and is disarmed once nobody reads:
 * the reactor turned by hand on the test thread, so every turn and its count are deterministic.
 */
@Timeout(30)
class ReadInterestTest {
  private SelectorReactor reactor;
  private ServerSocketChannel server;
  private SocketChannel client;
  private SocketChannel accepted;
  private SelectorRegistration registration;
  private final AtomicInteger wakes = new AtomicInteger();

  @BeforeEach
  void connectAPair() throws IOException {
    reactor = SelectorReactor.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    client = SocketChannel.open(server.getLocalAddress());
    accepted = server.accept();
    registration = (SelectorRegistration) reactor.register(accepted);
  }

  @AfterEach
  void closeAll() throws IOException {
    reactor.close();
    client.close();
    accepted.close();
    server.close();
  }

  private Context context() {
    return new Context() {
      @Override
      public Waker waker() {
        return wakes::incrementAndGet;
      }

      @Override
      public Driver driver() {
        return reactor;
      }
    };
  }

  /** What a read future does when its read returns 0: clear the bit, then wait. */
  private boolean drainAndWait() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    while (accepted.read(buffer) > 0) {
      buffer.clear();
    }
    registration.clearReadiness(Interest.READABLE);
    return registration.pollReadable(context());
  }

  private void send() throws IOException {
    client.write(ByteBuffer.wrap(new byte[] {42}));
  }

  @Test
  void aReaderThatDrainsAndWaitsAgainChangesNothingInTheSelector() throws Exception {
    assertThat(registration.pollReadable(context())).isFalse();
    reactor.turn(0); // registers the key with read interest
    for (int round = 1; round <= 3; round++) {
      send();
      assertThat(reactor.turn(-1)).isEqualTo(1);
      assertThat(wakes).hasValue(round);

      assertThat(drainAndWait()).isFalse();

      assertThat(registration.isReadArmed()).isTrue();
      assertThat(registration.isQueued()).as("a change queued for the selector").isFalse();
    }
  }

  @Test
  void aReadyChannelNobodyReadsIsReportedTwiceThenDisarmed() throws Exception {
    assertThat(registration.pollReadable(context())).isFalse();
    send();
    assertThat(reactor.turn(-1)).isEqualTo(1);
    assertThat(wakes).hasValue(1);

    assertThat(reactor.turn(0)).as("the unread data reported again").isEqualTo(1);
    assertThat(wakes).as("nobody waits: nobody is woken").hasValue(1);
    assertThat(registration.isReadArmed()).isFalse();
    assertThat(reactor.turn(0)).as("disarmed: no report while nobody reads").isZero();

    assertThat(drainAndWait()).isFalse();
    assertThat(registration.isQueued()).as("the interest armed again").isTrue();
    send();
    assertThat(reactor.turn(-1)).isEqualTo(1);
    assertThat(wakes).hasValue(2);
  }
}
