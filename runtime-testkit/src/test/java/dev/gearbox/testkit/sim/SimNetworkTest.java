package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.UdpSocket;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.IntStream;
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

  // ---- jitter, reordering, duplication and per-link settings

  /** A numbered datagram as it arrived: its number, and when it was sent and arrived. */
  private record Arrival(int number, long sentAtNanos, long arrivedAtNanos) {
    long delayNanos() {
      return arrivedAtNanos - sentAtNanos;
    }
  }

  /** How long a receiver waits for one more datagram before it reports what it got. */
  private static final Duration QUIET = Duration.ofSeconds(1);

  /**
   * On {@code runtime}, host {@code from} sends {@code count} numbered datagrams to port 53 of host
   * {@code to}, {@code gap} apart (all at once for zero); returns what {@code to} received, in
   * order of arrival, once no datagram came for {@link #QUIET}.
   */
  private static List<Arrival> exchange(
      SimulatedRuntime runtime, String from, String to, int count, Duration gap) {
    SimNetwork net = runtime.network();
    SimHost sender = net.host(from);
    SimHost receiver = net.host(to);
    Clock clock = runtime.clock();
    Future<List<Arrival>> receiving =
        Futures.lazy(() -> UdpSocket.bind(new InetSocketAddress(53)))
            .flatMap(
                socket -> {
                  List<Arrival> arrivals = new ArrayList<>();
                  ByteBuffer buffer = ByteBuffer.allocate(12);
                  return Futures.loop(
                      0,
                      (Integer ignored) -> {
                        buffer.clear();
                        return Time.timeout(socket.receive(buffer), QUIET)
                            .map(
                                (SocketAddress source) -> {
                                  arrivals.add(
                                      new Arrival(
                                          buffer.getInt(0), buffer.getLong(4), clock.nanoTime()));
                                  return Step.<Integer, List<Arrival>>next(0);
                                })
                            .recover(
                                failure -> {
                                  if (failure instanceof TimedOutException) {
                                    return Step.done(arrivals);
                                  }
                                  throw new IllegalStateException(failure);
                                });
                      });
                });
    Future<Void> sending =
        Futures.lazy(() -> UdpSocket.bind(new InetSocketAddress(0)))
            .flatMap(
                socket ->
                    Futures.repeat(
                        count,
                        number -> {
                          ByteBuffer datagram = ByteBuffer.allocate(12);
                          datagram.putInt(number).putLong(clock.nanoTime()).flip();
                          Future<Integer> send =
                              socket.send(datagram, new InetSocketAddress(receiver.address(), 53));
                          return gap.isZero() ? send : send.andThen(Time.sleep(gap));
                        }));
    // spawned on the simulation's thread, so the run depends on the seed alone
    return runtime.blockOn(
        Futures.lazy(
                () -> {
                  JoinHandle<List<Arrival>> received = receiver.spawn(receiving);
                  sender.spawn(sending);
                  return received;
                })
            .flatMap(received -> received));
  }

  /** How many arrivals came after one with a higher number: the datagrams that were overtaken. */
  private static long overtaken(List<Arrival> arrivals) {
    int highest = -1;
    long count = 0;
    for (Arrival arrival : arrivals) {
      if (arrival.number() < highest) {
        count++;
      }
      highest = Math.max(highest, arrival.number());
    }
    return count;
  }

  /** Runs {@code scenario} on a fresh runtime of {@code seed}, shut down afterwards. */
  private static <T> T onSeed(long seed, Function<SimulatedRuntime, T> scenario) {
    SimulatedRuntime fresh = SimulatedRuntimeProvider.create(seed);
    try {
      return scenario.apply(fresh);
    } finally {
      assertThat(fresh.shutdown(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void jitterKeepsEveryDelayWithinTheLatencyPlusTheJitter() {
    network.setLatency(Duration.ofMillis(10));
    network.setJitter(Duration.ofMillis(5));
    List<Arrival> arrivals = exchange(runtime, "a", "b", 200, Duration.ofMillis(20));
    assertThat(arrivals).hasSize(200);
    assertThat(arrivals)
        .allSatisfy(
            arrival ->
                assertThat(Duration.ofNanos(arrival.delayNanos()))
                    .isBetween(Duration.ofMillis(10), Duration.ofMillis(15)));
    Set<Long> delays = new HashSet<>();
    arrivals.forEach(arrival -> delays.add(arrival.delayNanos()));
    assertThat(delays).as("distinct delays").hasSizeGreaterThan(100);
    assertThat(overtaken(arrivals)).as("without reordering, datagrams keep their order").isZero();
  }

  @Test
  void jitterNeverReordersTcp() {
    SimHost server = network.host("server");
    network.setLatency(Duration.ZERO);
    network.setJitter(Duration.ofMillis(50));
    int count = 200;
    JoinHandle<String> echo = echoOnce(server, count);
    String sent =
        IntStream.range(0, count)
            .mapToObj(i -> String.valueOf((char) ('a' + i % 26)))
            .reduce("", String::concat);
    String reply =
        runtime.blockOn(
            Time.sleep(Duration.ofMillis(1))
                .flatMap(slept -> TcpStream.connect(new InetSocketAddress(server.address(), 7)))
                .flatMap(
                    stream ->
                        Futures.repeat(count, i -> stream.writeAll(bytes(sent.substring(i, i + 1))))
                            .flatMap(
                                written -> {
                                  ByteBuffer back = ByteBuffer.allocate(count);
                                  return stream
                                      .readExact(back)
                                      .map(
                                          read -> new String(back.array(), StandardCharsets.UTF_8));
                                })));
    assertThat(reply).isEqualTo(sent);
    assertThat(runtime.blockOn(echo)).isEqualTo("10.0.0.1");
  }

  @Test
  void reorderingHoldsBackItsShareOfDatagramsTheSameWayForASeed() {
    Function<SimulatedRuntime, List<Arrival>> scenario =
        sim -> {
          sim.network().setLatency(Duration.ofMillis(10));
          sim.network().setReorder(0.3);
          return exchange(sim, "a", "b", 1_000, Duration.ZERO);
        };
    List<Arrival> arrivals = onSeed(7, scenario);
    assertThat(arrivals).hasSize(1_000);
    assertThat(overtaken(arrivals)).isBetween(250L, 350L);
    assertThat(onSeed(7, scenario)).as("the same seed").isEqualTo(arrivals);
    assertThat(onSeed(8, scenario)).as("another seed").isNotEqualTo(arrivals);
  }

  @Test
  void duplicationDeliversItsShareOfDatagramsTwiceTheSameWayForASeed() {
    Function<SimulatedRuntime, List<Arrival>> scenario =
        sim -> {
          sim.network().setDuplicate(0.2);
          return exchange(sim, "a", "b", 1_000, Duration.ZERO);
        };
    List<Arrival> arrivals = onSeed(7, scenario);
    Map<Integer, Long> copies = new HashMap<>();
    arrivals.forEach(arrival -> copies.merge(arrival.number(), 1L, Long::sum));
    assertThat(copies).hasSize(1_000);
    assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
    assertThat(arrivals.size() - 1_000).as("duplicates").isBetween(150, 250);
    assertThat(onSeed(7, scenario)).as("the same seed").isEqualTo(arrivals);
  }

  @Test
  void aPairsSettingsOverrideTheDefaultsWhicheverWasSetFirst() {
    SimHost a = network.host("a");
    SimHost b = network.host("b");
    network.setLatency(a, b, Duration.ofMillis(2));
    network.setReorder(a, b, 0);
    network.setDuplicate(a, b, 0);
    network.setLatency(Duration.ofMillis(30)); // the default, set after the pair's
    network.setReorder(1.0);
    network.setDuplicate(1.0);
    List<Arrival> toB = exchange(runtime, "a", "b", 50, Duration.ZERO);
    assertThat(toB).hasSize(50);
    assertThat(toB).allSatisfy(arrival -> assertThat(arrival.delayNanos()).isEqualTo(2_000_000L));
    assertThat(overtaken(toB)).isZero();
    List<Arrival> toC = exchange(runtime, "a", "c", 50, Duration.ZERO);
    assertThat(toC).as("every datagram twice").hasSize(100);
    assertThat(toC)
        .allSatisfy(
            arrival -> assertThat(arrival.delayNanos()).isGreaterThanOrEqualTo(30_000_000L));
  }

  @Test
  void badSettingsAreRefusedNamingTheValueAndWhatIsAllowed() {
    SimHost a = network.host("a");
    SimHost b = network.defaultHost();
    assertThatThrownBy(() -> network.setJitter(Duration.ofMillis(-2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jitter PT-0.002S is not allowed: expected zero or more");
    assertThatThrownBy(() -> network.setJitter(a, b, Duration.ofMillis(-2)))
        .hasMessage("jitter PT-0.002S is not allowed: expected zero or more");
    assertThatThrownBy(() -> network.setLatency(a, b, Duration.ofSeconds(-1)))
        .hasMessage("latency PT-1S is not allowed: expected zero or more");
    assertThatThrownBy(() -> network.setLatency(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("latency PT" + Long.MAX_VALUE / 3600 + "H")
        .hasMessageContaining("expected at most");
    assertThatThrownBy(() -> network.setReorder(-0.1))
        .hasMessage("reorder probability -0.1 is not allowed: expected 0 to 1");
    assertThatThrownBy(() -> network.setReorder(a, b, 1.5))
        .hasMessage("reorder probability 1.5 is not allowed: expected 0 to 1");
    assertThatThrownBy(() -> network.setDuplicate(Double.NaN))
        .hasMessage("duplicate probability NaN is not allowed: expected 0 to 1");
    assertThatThrownBy(() -> network.setDuplicate(a, b, 2))
        .hasMessage("duplicate probability 2.0 is not allowed: expected 0 to 1");
    assertThatThrownBy(() -> network.setLoss(-1))
        .hasMessage("loss probability -1.0 is not allowed: expected 0 to 1");
  }
}
