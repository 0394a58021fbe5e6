package dev.gearbox.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.fiber.FiberStreams;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.FiberCancelledException;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Channel;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: {@link FiberStreams}, the {@code InputStream}/{@code OutputStream} views of a {@code
 * TcpStream} for fibers, over loopback: the JDK's blocking readers and writers on top of them, end
 * of stream, close, cancellation, and the error outside a fiber.
 */
public interface FiberStreamConformance extends ConformanceFixture {

  /**
   * Listens on loopback inside the runtime (a simulated runtime's sockets live in its own network)
   * and runs {@code session} on the first connection, in a fiber.
   */
  private static JoinHandle<Object> serveOnce(
      Runtime runtime, Channel.Pair<InetSocketAddress> bound, Session session) {
    return runtime.spawnFiber(
        () -> {
          try (TcpListener listener =
              TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Fiber.await(bound.sender().send(listener.localAddress()));
            TcpStream peer = Fiber.await(listener.accept());
            return session.serve(peer);
          }
        });
  }

  /** What a test's server does with its connection. */
  interface Session {
    /**
     * Serves one connection.
     *
     * @param peer the accepted connection
     * @return a result for the test
     * @throws Exception any failure
     */
    Object serve(TcpStream peer) throws Exception;
  }

  /**
   * A {@code BufferedReader} reads lines through the input view until end of stream; the answer
   * goes back as a length-prefixed frame through a {@code DataOutputStream}, read with a {@code
   * DataInputStream}; closing the output view closes the socket, so the client then reads -1.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void jdkReadersAndWritersRunOnTheViews() {
    Runtime runtime = runtime();
    Channel.Pair<InetSocketAddress> bound = Channel.bounded(1);
    int lineCount = 500;
    JoinHandle<Object> server =
        serveOnce(
            runtime,
            bound,
            peer -> {
              BufferedReader lines =
                  new BufferedReader(new InputStreamReader(FiberStreams.input(peer), UTF_8));
              List<String> received = new ArrayList<>();
              for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                received.add(line);
              }
              byte[] body = String.join(",", received).getBytes(UTF_8);
              try (DataOutputStream frame = new DataOutputStream(FiberStreams.output(peer))) {
                frame.writeInt(received.size());
                frame.writeInt(body.length);
                frame.write(body);
              }
              return received.size();
            });
    JoinHandle<String> client =
        runtime.spawnFiber(
            () -> {
              InetSocketAddress address = Fiber.await(bound.receiver().receive());
              try (TcpStream stream = Fiber.await(TcpStream.connect(address))) {
                Writer out = new OutputStreamWriter(FiberStreams.output(stream), UTF_8);
                for (int i = 0; i < lineCount; i++) {
                  out.write("line " + i + "\n");
                }
                out.flush();
                stream.shutdownOutput(); // the server's readLine() sees the end of stream
                DataInputStream in =
                    new DataInputStream(new BufferedInputStream(FiberStreams.input(stream)));
                int count = in.readInt();
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                assertThat(in.read()).as("end of stream after the frame").isEqualTo(-1);
                return count + ":" + new String(body, UTF_8);
              }
            });
    String answer = client.join();
    assertThat(answer).startsWith(lineCount + ":line 0,line 1,").endsWith(",line 499");
    assertThat(server.join()).isEqualTo(lineCount);
  }

  /**
   * A fiber aborted while a {@code BufferedReader} waits in the input view unwinds with a {@link
   * FiberCancelledException}, not an {@code IOException}; the views refuse to run outside a fiber;
   * closing the input view closes the socket.
   *
   * @throws Exception if the test is interrupted
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void viewsAreCancelledAsFibersAndRefusedOutsideThem() throws Exception {
    Runtime runtime = runtime();
    Channel.Pair<InetSocketAddress> bound = Channel.bounded(1);
    CountDownLatch reading = new CountDownLatch(1);
    AtomicReference<Throwable> seen = new AtomicReference<>();
    JoinHandle<Object> server =
        serveOnce(
            runtime,
            bound,
            peer -> {
              try (InputStream in = FiberStreams.input(peer)) {
                reading.countDown();
                return new BufferedReader(new InputStreamReader(in, UTF_8)).readLine();
              } catch (IOException | RuntimeException e) {
                seen.set(e);
                throw e;
              }
            });
    JoinHandle<TcpStream> client =
        runtime.spawnFiber(
            () -> Fiber.await(TcpStream.connect(Fiber.await(bound.receiver().receive()))));
    TcpStream stream = client.join();
    try {
      IllegalStateException outside =
          catchThrowableOfType(
              IllegalStateException.class, () -> FiberStreams.input(stream).read());
      assertThat(outside).hasMessageContaining("only inside a fiber");
      assertThat(
              catchThrowableOfType(
                  IllegalStateException.class,
                  () -> FiberStreams.output(stream).write(new byte[] {1})))
          .hasMessageContaining("only inside a fiber");

      Await.until(WAIT, () -> reading.getCount() == 0, "the server reads");
      server.abort();
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> server.join(WAIT));
      assertThat(cancelled).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(seen.get()).isInstanceOf(FiberCancelledException.class);

      // the server's try-with-resources closed its input view, which closed its socket
      JoinHandle<Integer> endOfStream =
          runtime.spawnFiber(() -> FiberStreams.input(stream).read(new byte[8]));
      assertThat(endOfStream.join()).isEqualTo(-1);
      stream.close();
      JoinHandle<Void> afterClose =
          runtime.spawnFiber(
              () -> {
                FiberStreams.output(stream).write(new byte[] {1});
                return null;
              });
      JoinException closed = catchThrowableOfType(JoinException.class, afterClose::join);
      assertThat(closed).isNotNull();
      assertThat(closed.getCause()).isInstanceOf(SocketException.class);
    } finally {
      stream.close();
    }
  }
}
