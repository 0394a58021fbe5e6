package dev.gearbox.io;

import static dev.gearbox.io.TestFutures.echoRounds;
import static dev.gearbox.io.TestFutures.echoServer;
import static dev.gearbox.io.TestFutures.signalPending;
import static dev.gearbox.io.TestFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens and closes many sockets through every path (accepted, connected, refused, closed while a
 * task waits, UDP) and checks that the process's open descriptors return to where they were.
 */
@Timeout(60)
class DescriptorLeakTest {
  private static final Path OPEN_DESCRIPTORS = Path.of("/proc/self/fd");
  private static final int ROUNDS = 5;
  private static final int CONNECTIONS_PER_ROUND = 40;

  /** Room for descriptors the JVM opens meanwhile for its own reasons. */
  private static final int SLACK = 3;

  private TestExecutor executor;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Files.isDirectory(OPEN_DESCRIPTORS), "needs /proc/self/fd");
    executor = new TestExecutor();
  }

  @AfterEach
  void stop() throws Exception {
    if (executor != null) {
      executor.close();
    }
  }

  @Test
  void descriptorsReturnToTheBaselineAfterManySocketsOpenAndClose() throws Exception {
    exerciseEveryPath(1); // loads classes and lets the JDK open what it keeps open
    awaitAtMost(openDescriptors() + 1, "warm-up settled");
    long baseline = openDescriptors();

    for (int round = 0; round < ROUNDS; round++) {
      exerciseEveryPath(CONNECTIONS_PER_ROUND);
    }

    awaitAtMost(baseline + SLACK, "descriptors back to the baseline of " + baseline);
    assertThat(executor.reactor.registrations()).isZero();
  }

  private void exerciseEveryPath(int connections) throws Exception {
    InetSocketAddress refused;
    try (TcpListener listener = TcpListener.bind(0)) {
      executor.spawn(echoServer(listener, executor));
      List<CompletableFuture<Integer>> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        int id = i;
        clients.add(
            executor.spawn(
                TcpStream.connect(listener.localAddress())
                    .flatMap(stream -> echoRounds(stream, id, 2))));
      }
      TestExecutor.await(CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)));

      TcpStream waiting = executor.block(TcpStream.connect(listener.localAddress()));
      CompletableFuture<Void> pending = new CompletableFuture<>();
      CompletableFuture<Integer> read =
          executor.spawn(signalPending(waiting.read(ByteBuffer.allocate(8)), pending));
      TestExecutor.await(pending);
      waiting.close();
      assertThatThrownBy(() -> TestExecutor.await(read)).hasMessageEndingWith("is closed");
      refused = listener.localAddress();
    }

    assertThatThrownBy(() -> executor.block(TcpStream.connect(refused)))
        .isInstanceOf(ConnectException.class);

    try (UdpSocket first = UdpSocket.bind(0);
        UdpSocket second = UdpSocket.bind(0)) {
      executor.block(first.send(utf8("datagram"), second.localAddress()));
      executor.block(second.receive(ByteBuffer.allocate(16)));
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> descriptors = Files.list(OPEN_DESCRIPTORS)) {
      return descriptors.count();
    }
  }

  /** Waits, with a deadline, until at most {@code limit} descriptors are open. */
  private static void awaitAtMost(long limit, String what) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long open = openDescriptors();
    while (open > limit && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      open = openDescriptors();
    }
    assertThat(open).as(what).isLessThanOrEqualTo(limit);
  }
}
