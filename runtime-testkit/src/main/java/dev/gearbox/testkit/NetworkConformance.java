package dev.gearbox.testkit;

import static dev.gearbox.testkit.IoFutures.echoRounds;
import static dev.gearbox.testkit.IoFutures.echoServer;
import static dev.gearbox.testkit.IoFutures.readToEnd;
import static dev.gearbox.testkit.IoFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.UdpSocket;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: TCP and UDP on loopback through the runtime's reactor: echo round trips, a thousand
 * connections at once, half-close, a peer's reset, a refused connect, a datagram round trip.
 */
public interface NetworkConformance extends ConformanceFixture {

  /** Connections of {@link #thousandConnectionsAtOnceEchoBack()}, if the open-file limit allows. */
  int CONNECTIONS = 1_000;

  /**
   * A client task sends three messages to an echo server task and reads each back.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void tcpEchoRoundTrip() throws Exception {
    Runtime runtime = runtime();
    try (TcpListener listener = TcpListener.bind(0)) {
      runtime.spawn(echoServer(listener));
      JoinHandle<Integer> client =
          runtime.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(stream -> echoRounds(stream, 0, 3)));
      assertThat(client.join(WAIT)).isEqualTo(3);
    }
  }

  /**
   * A thousand clients connect at once to one listener and each does three echo round trips (fewer
   * clients when the process may not open two descriptors per connection).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void thousandConnectionsAtOnceEchoBack() throws Exception {
    long room = Descriptors.limit() - Descriptors.open() - 200;
    int connections = (int) Math.min(CONNECTIONS, room / 2);
    assumeTrue(connections >= 100, "the open-file limit leaves room for 100 connections");
    Runtime runtime = runtime();
    try (TcpListener listener = TcpListener.bind(0)) {
      runtime.spawn(echoServer(listener));
      List<JoinHandle<Integer>> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        int id = i;
        clients.add(
            runtime.spawn(
                TcpStream.connect(listener.localAddress())
                    .flatMap(stream -> echoRounds(stream, id, 3))));
      }
      for (JoinHandle<Integer> client : clients) {
        assertThat(client.join(WAIT)).isEqualTo(3);
      }
    }
  }

  /**
   * After the client shuts down its output, the server reads the request to its end and still sends
   * its response, which the client reads to the end.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void halfCloseLetsThePeerAnswer() throws Exception {
    Runtime runtime = runtime();
    try (TcpListener listener = TcpListener.bind(0)) {
      JoinHandle<String> server =
          runtime.spawn(
              listener
                  .accept()
                  .flatMap(
                      stream ->
                          readToEnd(stream)
                              .flatMap(
                                  request ->
                                      stream
                                          .writeAll(utf8("response to " + request))
                                          .map(
                                              done -> {
                                                stream.close();
                                                return request;
                                              }))));
      JoinHandle<String> client =
          runtime.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(
                      stream ->
                          stream
                              .writeAll(utf8("request"))
                              .andThen(Futures.lazy(() -> halfClose(stream)))
                              .flatMap(IoFutures::readToEnd)));
      assertThat(client.join(WAIT)).isEqualTo("response to request");
      assertThat(server.join(WAIT)).isEqualTo("request");
    }
  }

  private static TcpStream halfClose(TcpStream stream) throws java.io.IOException {
    stream.shutdownOutput();
    return stream;
  }

  /**
   * A read on a connection the peer aborted (zero linger) fails with "connection reset by peer",
   * naming the peer.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void peerResetFailsTheRead() throws Exception {
    Runtime runtime = runtime();
    try (TcpListener listener = TcpListener.bind(0);
        TcpStream connected = runtime.blockOn(TcpStream.connect(listener.localAddress()))) {
      // Connected first, so the reset comes after the handshake, to the read.
      runtime.spawn(
          listener
              .accept()
              .flatMap(
                  stream ->
                      Futures.lazy(
                          () -> {
                            stream.setZeroLinger();
                            stream.close();
                            return "reset";
                          })));
      JoinHandle<Integer> client = runtime.spawn(connected.read(ByteBuffer.allocate(16)));
      JoinException failure = catchThrowableOfType(JoinException.class, () -> client.join(WAIT));
      assertThat(failure).as("the read failed").isNotNull();
      assertThat(failure.getCause())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("127.0.0.1:" + listener.localAddress().getPort())
          .hasMessageEndingWith("connection reset by peer");
    }
  }

  /**
   * A connect to a port nobody listens on fails with a {@link ConnectException} naming it.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void refusedConnectNamesTheAddress() throws Exception {
    InetSocketAddress closed;
    try (TcpListener listener = TcpListener.bind(0)) {
      closed = listener.localAddress();
    }
    JoinHandle<TcpStream> client = runtime().spawn(TcpStream.connect(closed));
    JoinException failure = catchThrowableOfType(JoinException.class, () -> client.join(WAIT));
    assertThat(failure).isNotNull();
    assertThat(failure.getCause())
        .isInstanceOf(ConnectException.class)
        .hasMessage("connect to 127.0.0.1:" + closed.getPort() + " refused");
  }

  /**
   * A datagram sent to a task that echoes it back to its sender comes back from the right address.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void udpRoundTrip() throws Exception {
    Runtime runtime = runtime();
    try (UdpSocket server = UdpSocket.bind(0);
        UdpSocket client = UdpSocket.bind(0)) {
      ByteBuffer request = ByteBuffer.allocate(64);
      runtime.spawn(server.receive(request).flatMap(sender -> server.send(request.flip(), sender)));
      ByteBuffer reply = ByteBuffer.allocate(64);
      SocketAddress from =
          runtime
              .spawn(
                  client.send(utf8("ping"), server.localAddress()).andThen(client.receive(reply)))
              .join(WAIT);
      assertThat(from).isEqualTo(server.localAddress());
      assertThat(utf8(reply)).isEqualTo("ping");
    }
  }
}
