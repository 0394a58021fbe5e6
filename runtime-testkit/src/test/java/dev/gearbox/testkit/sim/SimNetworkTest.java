package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.UdpSocket;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private final SimulatedRuntime runtime = SimulatedRuntimeProvider.create(11);
  private final SimNetwork network = runtime.network();

  @AfterEach
  void shutDown() {
    assertThat(runtime.shutdown(Duration.ofSeconds(10))).isTrue();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A server on {@code host}:7 that echoes one message of {@code size} bytes. */
  private JoinHandle<String> echoOnce(SimHost host, int size) {
    return host.spawn(
        "echo",
        Futures.lazy(() -> TcpListener.bind(new InetSocketAddress(7)))
            .flatMap(TcpListener::accept)
            .flatMap(
                stream -> {
                  ByteBuffer buffer = ByteBuffer.allocate(size);
                  return stream
                      .readExact(buffer)
                      .flatMap(read -> stream.writeAll(buffer.flip()))
                      .map(written -> stream.peerAddress().getAddress().getHostAddress());
                }));
  }

  @Test
  void tcpBetweenHostsTakesTheLinksLatencyInVirtualTime() {
    SimHost server = network.host("server");
    network.setLatency(Duration.ofMillis(20));
    JoinHandle<String> echo = echoOnce(server, 5);
    String reply =
        runtime.blockOn(
            Time.sleep(Duration.ofMillis(1)) // the server binds first
                .flatMap(
                    slept ->
                        TcpStream.connect(new InetSocketAddress(server.address(), 7))
                            .flatMap(
                                stream ->
                                    stream
                                        .writeAll(bytes("hello"))
                                        .flatMap(
                                            written -> {
                                              ByteBuffer back = ByteBuffer.allocate(5);
                                              return stream
                                                  .readExact(back)
                                                  .map(
                                                      read ->
                                                          new String(
                                                              back.array(),
                                                              StandardCharsets.UTF_8));
                                            }))));
    assertThat(reply).isEqualTo("hello");
    assertThat(server.address().getHostAddress()).isEqualTo("10.0.0.2");
    assertThat(runtime.blockOn(echo)).isEqualTo("10.0.0.1"); // the client ran on host main
    // connect: 2 x 20 ms; data there and back: 2 x 20 ms
    assertThat(runtime.clock().now()).isGreaterThanOrEqualTo(Duration.ofMillis(81));
  }

  @Test
  void aConnectToAPortNobodyListensOnIsRefused() {
    SimHost server = network.host("server");
    assertThatThrownBy(
            () -> runtime.blockOn(TcpStream.connect(new InetSocketAddress(server.address(), 9))))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ConnectException.class)
        .hasMessage("connect to 10.0.0.2:9 refused");
  }

  @Test
  void aPartitionHoldsTcpDataUntilHealed() {
    SimHost server = network.host("server");
    JoinHandle<String> echo = echoOnce(server, 4);
    Future<String> client =
        Time.sleep(Duration.ofMillis(1))
            .flatMap(slept -> TcpStream.connect(new InetSocketAddress(server.address(), 7)))
            .flatMap(
                stream -> {
                  network.partition(network.defaultHost(), server);
                  ByteBuffer back = ByteBuffer.allocate(4);
                  Future<String> roundTrip =
                      stream
                          .writeAll(bytes("ping"))
                          .flatMap(written -> stream.readExact(back))
                          .map(read -> new String(back.array(), StandardCharsets.UTF_8));
                  Future<String> cut =
                      Time.timeout(roundTrip, Duration.ofSeconds(5))
                          .recover(
                              failure -> failure instanceof TimedOutException ? "held" : "other");
                  return cut;
                });
    assertThat(runtime.blockOn(client)).isEqualTo("held");
    network.heal(network.defaultHost(), server);
    assertThat(runtime.blockOn(echo)).isEqualTo("10.0.0.1"); // the held bytes arrived after all
  }

  @Test
  void udpDatagramsAreLostOnALossyLinkAndDeliveredOnAGoodOne() {
    SimHost a = network.host("a");
    SimHost b = network.host("b");
    JoinHandle<String> receiver =
        b.spawn(
            Futures.lazy(() -> UdpSocket.bind(new InetSocketAddress(53)))
                .flatMap(
                    socket -> {
                      ByteBuffer buffer = ByteBuffer.allocate(16);
                      return socket
                          .receive(buffer)
                          .map(
                              (SocketAddress from) ->
                                  new String(
                                          buffer.array(),
                                          0,
                                          buffer.position(),
                                          StandardCharsets.UTF_8)
                                      + " from "
                                      + from);
                    }));
    network.setLoss(a, b, 1.0);
    JoinHandle<Integer> lostSend =
        a.spawn(
            Futures.lazy(() -> UdpSocket.bind(new InetSocketAddress(0)))
                .flatMap(
                    socket -> socket.send(bytes("lost"), new InetSocketAddress(b.address(), 53))));
    assertThat(runtime.blockOn(lostSend)).isEqualTo(4);
    network.setLoss(a, b, 0);
    JoinHandle<Integer> send =
        a.spawn(
            Futures.lazy(() -> UdpSocket.bind(new InetSocketAddress(5000)))
                .flatMap(
                    socket -> socket.send(bytes("kept"), new InetSocketAddress(b.address(), 53))));
    assertThat(runtime.blockOn(send)).isEqualTo(4);
    assertThat(runtime.blockOn(receiver)).isEqualTo("kept from a/10.0.0.2:5000");
  }

  @Test
  void bindingTheSamePortTwiceNamesTheAddress() {
    assertThatThrownBy(
            () ->
                runtime.blockOn(
                    Futures.lazy(
                        () -> {
                          TcpListener.bind(new InetSocketAddress(80));
                          return TcpListener.bind(new InetSocketAddress(80));
                        })))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(java.net.BindException.class)
        .hasMessage("bind 10.0.0.1:80: address already in use");
  }

  @Test
  void aStreamEndsWhenThePeerShutsDownItsOutput() {
    SimHost server = network.host("server");
    server.spawn(
        Futures.lazy(() -> TcpListener.bind(new InetSocketAddress(7)))
            .flatMap(TcpListener::accept)
            .flatMap(
                stream ->
                    Futures.lazy(
                        () -> {
                          stream.shutdownOutput();
                          return stream;
                        })));
    assertThatThrownBy(
            () ->
                runtime.blockOn(
                    Time.sleep(Duration.ofMillis(1))
                        .flatMap(
                            slept -> TcpStream.connect(new InetSocketAddress(server.address(), 7)))
                        .flatMap(stream -> stream.readExact(ByteBuffer.allocate(3)))))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(EOFException.class)
        .hasMessage("read exact from 10.0.0.2:7: stream ended after 0 of 3 bytes");
  }

  @Test
  void socketsMadeOffTheSimulationUseRealSockets() throws Exception {
    try (TcpListener real = TcpListener.bind(0)) {
      assertThat(real.localAddress().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void badLinkSettingsAreRefused() {
    SimHost a = network.host("a");
    assertThatThrownBy(() -> network.setLoss(a, network.defaultHost(), 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> network.setLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.001");
  }
}
