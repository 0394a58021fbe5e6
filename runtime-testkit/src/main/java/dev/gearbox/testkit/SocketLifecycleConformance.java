package dev.gearbox.testkit;

import static dev.gearbox.testkit.IoFutures.echoRounds;
import static dev.gearbox.testkit.IoFutures.echoServer;
import static dev.gearbox.testkit.IoFutures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.io.UdpSocket;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: sockets release their descriptors on every path, and shutdown leaves no future
 * waiting on I/O forever.
 */
public interface SocketLifecycleConformance extends ConformanceFixture {

  /** Room for descriptors the JVM opens meanwhile for its own reasons. */
  int DESCRIPTOR_SLACK = 3;

  /**
   * Many sockets opened and closed through every path (accepted, connected, refused, closed while a
   * task reads, UDP) leave the process's open descriptors where they were.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void descriptorsReturnToTheBaseline() throws Exception {
    assumeTrue(Descriptors.countable(), "needs /proc/self/fd");
    Runtime runtime = runtime();
    exerciseEveryPath(runtime, 1); // loads classes and lets the JDK open what it keeps open
    long warm = Descriptors.open();
    Await.until(WAIT, () -> Descriptors.open() <= warm + 1, "descriptors settled after warm-up");
    long baseline = Descriptors.open();
    for (int round = 0; round < 3; round++) {
      exerciseEveryPath(runtime, 40);
    }
    Await.until(
        WAIT,
        () -> Descriptors.open() <= baseline + DESCRIPTOR_SLACK,
        () -> "open descriptors back to " + baseline + ", now " + Descriptors.open());
  }

  private static void exerciseEveryPath(Runtime runtime, int connections) throws Exception {
    InetSocketAddress refused;
    try (TcpListener listener = TcpListener.bind(0)) {
      runtime.spawn(echoServer(listener));
      List<JoinHandle<Integer>> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        int id = i;
        clients.add(
            runtime.spawn(
                TcpStream.connect(listener.localAddress())
                    .flatMap(stream -> echoRounds(stream, id, 2))));
      }
      for (JoinHandle<Integer> client : clients) {
        client.join(WAIT);
      }
      TcpStream waiting = runtime.blockOn(TcpStream.connect(listener.localAddress()));
      CountDownLatch pending = new CountDownLatch(1);
      JoinHandle<Integer> read =
          runtime.spawn(signalPending(waiting.read(ByteBuffer.allocate(8)), pending));
      assertThat(pending.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      waiting.close();
      JoinException closed = catchThrowableOfType(JoinException.class, () -> read.join(WAIT));
      assertThat(closed.getCause()).hasMessageEndingWith("is closed");
      refused = listener.localAddress();
    }
    JoinHandle<TcpStream> refusedConnect = runtime.spawn(TcpStream.connect(refused));
    assertThat(catchThrowableOfType(JoinException.class, () -> refusedConnect.join(WAIT)))
        .isNotNull();
    try (UdpSocket first = UdpSocket.bind(0);
        UdpSocket second = UdpSocket.bind(0)) {
      runtime.blockOn(first.send(utf8("datagram"), second.localAddress()));
      runtime.blockOn(second.receive(ByteBuffer.allocate(16)));
    }
  }

  /**
   * Shutdown cancels a task waiting on a socket, and a {@code blockOn} waiting on one fails with
   * {@link RuntimeClosedException} instead of waiting forever.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownFailsFuturesWaitingOnIo() throws Exception {
    Runtime runtime = createRuntime();
    try (TcpListener listener = TcpListener.bind(0);
        TcpListener other = TcpListener.bind(0)) {
      CountDownLatch taskPending = new CountDownLatch(1);
      JoinHandle<TcpStream> task = runtime.spawn(signalPending(other.accept(), taskPending));
      CountDownLatch blockOnPending = new CountDownLatch(1);
      AtomicReference<Throwable> blockOnFailure = new AtomicReference<>();
      Thread caller =
          Thread.ofPlatform()
              .name("conformance-block-on")
              .start(
                  () -> {
                    try {
                      runtime.blockOn(signalPending(listener.accept(), blockOnPending));
                    } catch (RuntimeException e) {
                      blockOnFailure.set(e);
                    }
                  });
      assertThat(taskPending.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(blockOnPending.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      runtime.shutdown();
      assertThat(caller.join(WAIT)).as("blockOn returned after shutdown").isTrue();
      assertThat(blockOnFailure.get()).isInstanceOf(RuntimeClosedException.class);
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> task.join(WAIT));
      assertThat(cancelled).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
    } finally {
      assertThat(runtime.shutdown(WAIT)).as("terminated within %s", WAIT).isTrue();
    }
  }

  /** {@code future}, counting down {@code pendingSeen} each time it returns Pending. */
  private static <T> Future<T> signalPending(Future<T> future, CountDownLatch pendingSeen) {
    return new Future<>() {
      @Override
      public Poll<T> poll(Context cx) throws Exception {
        Poll<T> poll = future.poll(cx);
        if (poll.isPending()) {
          pendingSeen.countDown();
        }
        return poll;
      }

      @Override
      public void drop() {
        future.drop();
      }
    };
  }
}
