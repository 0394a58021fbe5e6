package dev.gearbox.io;

import static dev.gearbox.io.TestFutures.echoServer;
import static dev.gearbox.io.TestFutures.readToEnd;
import static dev.gearbox.io.TestFutures.signalPending;
import static dev.gearbox.io.TestFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP over loopback, driven by a {@link TestExecutor}: data, half-close, and the error paths. */
@Timeout(30)
class TcpStreamTest {
  private TestExecutor executor;
  private TcpListener listener;

  @BeforeEach
  void start() throws Exception {
    executor = new TestExecutor();
    listener = TcpListener.bind(0);
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
    executor.close();
  }

  private TcpStream connect() throws Exception {
    return executor.block(TcpStream.connect(listener.localAddress()));
  }

  @Test
  void echoRoundTrip() throws Exception {
    executor.spawn(echoServer(listener, executor));
    try (TcpStream client = connect()) {
      client.setNoDelay(true);
      executor.block(client.writeAll(utf8("hello, gearbox")));
      ByteBuffer reply = ByteBuffer.allocate("hello, gearbox".length());
      executor.block(client.readExact(reply));

      assertThat(utf8(reply)).isEqualTo("hello, gearbox");
      assertThat(client.peerAddress()).isEqualTo(listener.localAddress());
      assertThat(client.localAddress().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void twoHundredConcurrentConnectionsEachEchoSeveralTimes() throws Exception {
    int connections = 200;
    int rounds = 3;
    executor.spawn(echoServer(listener, executor));
    List<CompletableFuture<Integer>> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      int id = i;
      clients.add(
          executor.spawn(
              TcpStream.connect(listener.localAddress())
                  .flatMap(stream -> TestFutures.echoRounds(stream, id, rounds))));
    }
    TestExecutor.await(CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)));
    for (CompletableFuture<Integer> client : clients) {
      assertThat(client.join()).isEqualTo(rounds);
    }
  }

  @Test
  void copyEchoesEverythingUntilEndOfStreamAndCountsTheBytes() throws Exception {
    CompletableFuture<Long> server =
        executor.spawn(
            listener
                .accept()
                .flatMap(stream -> TcpStream.copy(stream, stream).inspect(n -> stream.close())));
    byte[] sent = new byte[3 * StreamCopy.BUFFER_SIZE + 123];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) i;
    }
    try (TcpStream client = connect()) {
      executor.block(client.writeAll(ByteBuffer.wrap(sent)));
      client.shutdownOutput();
      ByteBuffer received = ByteBuffer.allocate(sent.length);
      executor.block(client.readExact(received));

      assertThat(received.array()).isEqualTo(sent);
      assertThat(TestExecutor.await(server)).isEqualTo(sent.length);
      assertThat(executor.block(client.read(ByteBuffer.allocate(1)))).isEqualTo(-1);
    }
  }

  @Test
  void halfCloseLetsThePeerReadEndOfStreamAndStillReply() throws Exception {
    CompletableFuture<String> server =
        executor.spawn(
            listener
                .accept()
                .flatMap(
                    stream ->
                        readToEnd(stream)
                            .flatMap(
                                request ->
                                    stream
                                        .writeAll(utf8("got " + request))
                                        .map(
                                            done -> {
                                              stream.close();
                                              return request;
                                            }))));
    try (TcpStream client = connect()) {
      executor.block(client.writeAll(utf8("ping")));
      client.shutdownOutput();

      assertThat(executor.block(readToEnd(client))).isEqualTo("got ping");
      assertThat(TestExecutor.await(server)).isEqualTo("ping");
    }
  }

  @Test
  void readExactFailsNamingThePeerWhenTheStreamEndsEarly() throws Exception {
    executor.spawn(
        listener
            .accept()
            .flatMap(
                stream ->
                    stream
                        .writeAll(utf8("abc"))
                        .map(
                            done -> {
                              stream.close();
                              return done;
                            })));
    try (TcpStream client = connect()) {
      assertThatThrownBy(() -> executor.block(client.readExact(ByteBuffer.allocate(10))))
          .isInstanceOf(EOFException.class)
          .hasMessage(
              "read exact from 127.0.0.1:%d: stream ended after 3 of 10 bytes",
              listener.localAddress().getPort());
    }
  }

  @Test
  void peerResetFailsTheReadNamingThePeer() throws Exception {
    CompletableFuture<Void> aborted =
        executor.spawn(
            listener
                .accept()
                .map(
                    stream -> {
                      try {
                        stream.setZeroLinger();
                      } catch (Exception e) {
                        throw new AssertionError(e);
                      }
                      stream.close();
                      return null;
                    }));
    try (TcpStream client = connect()) {
      TestExecutor.await(aborted);

      assertThatThrownBy(() -> executor.block(client.read(ByteBuffer.allocate(16))))
          .isInstanceOf(SocketException.class)
          .hasMessage(
              "read from 127.0.0.1:%d: connection reset by peer",
              listener.localAddress().getPort());
    }
  }

  @Test
  void connectionRefusedNamesTheAddress() throws Exception {
    InetSocketAddress closedPort = listener.localAddress();
    listener.close();

    assertThatThrownBy(() -> executor.block(TcpStream.connect(closedPort)))
        .isInstanceOf(ConnectException.class)
        .hasMessage("connect to 127.0.0.1:%d refused", closedPort.getPort());
  }

  @Test
  void bindingAnAddressInUseNamesTheAddress() {
    int port = listener.localAddress().getPort();

    assertThatThrownBy(() -> TcpListener.bind(port))
        .isInstanceOf(java.net.BindException.class)
        .hasMessage("bind 127.0.0.1:%d: address already in use", port);
  }

  /**
   * A read after a short read waits for readiness instead of trying: the data that came while no
   * read was pending, and the data that comes while the next one waits, both reach it.
   */
  @Test
  void readsAfterAShortReadSeeWhatCameMeanwhileAndWhatComesLater() throws Exception {
    CompletableFuture<TcpStream> accepting = executor.spawn(listener.accept());
    try (TcpStream client = connect();
        TcpStream server = TestExecutor.await(accepting)) {
      client.setNoDelay(true);
      executor.block(client.writeAll(utf8("ping")));
      ByteBuffer first = ByteBuffer.allocate(64);
      assertThat(executor.block(server.read(first))).isEqualTo(4); // short: 60 bytes of room left

      executor.block(client.writeAll(utf8("pong")));
      ByteBuffer second = ByteBuffer.allocate(64);
      assertThat(executor.block(server.read(second))).isEqualTo(4);

      ByteBuffer third = ByteBuffer.allocate(64);
      CompletableFuture<Void> pending = new CompletableFuture<>();
      CompletableFuture<Integer> read = executor.spawn(signalPending(server.read(third), pending));
      TestExecutor.await(pending);
      executor.block(client.writeAll(utf8("later")));
      assertThat(TestExecutor.await(read)).isEqualTo(5);
      assertThat(utf8(first) + utf8(second) + utf8(third)).isEqualTo("pingponglater");
    }
  }

  @Test
  void closingAStreamWakesTheTaskWaitingToReadWithAnError() throws Exception {
    try (TcpStream client = connect()) {
      CompletableFuture<Void> pending = new CompletableFuture<>();
      CompletableFuture<Integer> read =
          executor.spawn(signalPending(client.read(ByteBuffer.allocate(16)), pending));
      TestExecutor.await(pending);

      client.close();

      assertThatThrownBy(() -> TestExecutor.await(read))
          .isInstanceOf(SocketException.class)
          .hasMessage("%s is closed", "TCP stream " + describe(client));
      assertThatThrownBy(() -> executor.block(client.write(utf8("late"))))
          .isInstanceOf(SocketException.class)
          .hasMessageEndingWith("is closed");
    }
  }

  @Test
  void closingAListenerWakesTheTaskWaitingToAccept() throws Exception {
    CompletableFuture<Void> pending = new CompletableFuture<>();
    CompletableFuture<TcpStream> accept = executor.spawn(signalPending(listener.accept(), pending));
    TestExecutor.await(pending);

    listener.close();

    assertThatThrownBy(() -> TestExecutor.await(accept))
        .isInstanceOf(SocketException.class)
        .hasMessage("TCP listener 127.0.0.1:%d is closed", listener.localAddress().getPort());
  }

  private static String describe(TcpStream stream) {
    return SocketErrors.format(stream.localAddress())
        + " -> "
        + SocketErrors.format(stream.peerAddress());
  }
}
