package dev.gearbox.io;

import static dev.gearbox.io.TestFutures.signalPending;
import static dev.gearbox.io.TestFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP over loopback, driven by a {@link TestExecutor}. */
@Timeout(30)
class UdpSocketTest {
  private TestExecutor executor;
  private UdpSocket server;
  private UdpSocket client;

  @BeforeEach
  void start() throws Exception {
    executor = new TestExecutor();
    server = UdpSocket.bind(0);
    client = UdpSocket.bind(0);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    executor.close();
  }

  @Test
  void datagramRoundTrip() throws Exception {
    ByteBuffer request = ByteBuffer.allocate(64);
    CompletableFuture<SocketAddress> echoed =
        executor.spawn(
            server
                .receive(request)
                .flatMap(
                    sender -> {
                      request.flip();
                      return server.send(request, sender).map(sent -> sender);
                    }));

    int sent = executor.block(client.send(utf8("ping"), server.localAddress()));
    ByteBuffer reply = ByteBuffer.allocate(64);
    SocketAddress from = executor.block(client.receive(reply));

    assertThat(sent).isEqualTo(4);
    assertThat(utf8(reply)).isEqualTo("ping");
    assertThat(from).isEqualTo(server.localAddress());
    assertThat(TestExecutor.await(echoed)).isEqualTo(client.localAddress());
  }

  @Test
  void connectedSocketsSendAndReceiveWithoutAddresses() throws Exception {
    client.connect(server.localAddress());
    server.connect(client.localAddress());
    CompletableFuture<SocketAddress> received =
        executor.spawn(server.receive(ByteBuffer.allocate(16)));

    executor.block(client.send(utf8("hi")));
    executor.block(server.send(utf8("back")));
    ByteBuffer reply = ByteBuffer.allocate(16);
    executor.block(client.receive(reply));

    assertThat(TestExecutor.await(received)).isEqualTo(client.localAddress());
    assertThat(utf8(reply)).isEqualTo("back");
  }

  @Test
  void sendOnAnUnconnectedSocketWithoutAddressIsRejected() {
    assertThatThrownBy(() -> client.send(utf8("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not connected");
  }

  @Test
  void bindingAnAddressInUseNamesTheAddress() {
    int port = server.localAddress().getPort();

    assertThatThrownBy(() -> UdpSocket.bind(port))
        .isInstanceOf(BindException.class)
        .hasMessage("bind 127.0.0.1:%d: address already in use", port);
  }

  @Test
  void closingTheSocketWakesTheTaskWaitingToReceive() throws Exception {
    CompletableFuture<Void> pending = new CompletableFuture<>();
    CompletableFuture<SocketAddress> receive =
        executor.spawn(signalPending(server.receive(ByteBuffer.allocate(16)), pending));
    TestExecutor.await(pending);

    server.close();

    assertThatThrownBy(() -> TestExecutor.await(receive))
        .isInstanceOf(SocketException.class)
        .hasMessage("UDP socket 127.0.0.1:%d is closed", server.localAddress().getPort());
  }
}
