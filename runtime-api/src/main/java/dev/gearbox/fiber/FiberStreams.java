package dev.gearbox.fiber;

import dev.gearbox.future.Future;
import dev.gearbox.io.TcpStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * {@link InputStream} and {@link OutputStream} views of a {@link TcpStream} for fibers, so that
 * existing blocking code ({@code BufferedReader}, {@code DataInputStream}, a parser that takes an
 * {@code InputStream}) runs on Gearbox I/O. Each read or write awaits the stream's future with
 * {@link Fiber#await}: the fiber parks, not its worker.
 *
 * <pre>{@code
 * try (TcpStream stream = Fiber.await(TcpStream.connect(address))) {
 *   var in = new BufferedReader(new InputStreamReader(FiberStreams.input(stream), UTF_8));
 *   var out = new PrintStream(FiberStreams.output(stream), true, UTF_8);
 *   out.println("hello");
 *   String reply = in.readLine();
 * }
 * }</pre>
 *
 * <p>The contract of the views:
 *
 * <ul>
 *   <li>Only inside a fiber: elsewhere every read and write throws the {@link
 *       IllegalStateException} of {@link Fiber#await}.
 *   <li>Unbuffered: each {@code read} is one read of the socket (it returns what is available, at
 *       least one byte, or -1 at end of stream); each {@code write} returns once all its bytes are
 *       written ({@link TcpStream#writeAll}), so {@code flush} has nothing to do. Wrap them in
 *       {@code BufferedInputStream}/{@code BufferedOutputStream} for byte-at-a-time code.
 *   <li>{@code close} of either view closes the whole {@code TcpStream}, as closing a {@code
 *       java.net.Socket}'s streams closes the socket. To end only the sending side, call {@link
 *       TcpStream#shutdownOutput()}.
 *   <li>Errors of the socket (reset by peer, closed) are thrown as the {@link IOException} the
 *       stream reports.
 *   <li>Cancellation (abort of the fiber, its scope, shutdown of its runtime) is thrown as {@link
 *       dev.gearbox.runtime.FiberCancelledException}, unchecked and not an {@code IOException}, so
 *       that code which catches {@code IOException} does not swallow it; the fiber's interrupt flag
 *       stays set.
 *   <li>One reading fiber and one writing fiber at a time, as for the {@code TcpStream} itself.
 * </ul>
 */
public final class FiberStreams {
  private FiberStreams() {}

  /**
   * A view that reads from {@code stream}; see the class description.
   *
   * @param stream the stream to read
   * @return the input stream; cheap, holds no buffer
   */
  public static InputStream input(TcpStream stream) {
    return new Input(Objects.requireNonNull(stream, "stream"));
  }

  /**
   * A view that writes to {@code stream}; see the class description.
   *
   * @param stream the stream to write
   * @return the output stream; cheap, holds no buffer
   */
  public static OutputStream output(TcpStream stream) {
    return new Output(Objects.requireNonNull(stream, "stream"));
  }

  /** Awaits {@code io}, reporting a failure of the socket as the IOException it is. */
  private static <T> T awaitIo(Future<T> io) throws IOException {
    try {
      return Fiber.await(io);
    } catch (CompletionException wrapped) {
      // Fiber.await wraps a checked exception of the future; unwrap the socket's IOException
      if (wrapped.getCause() instanceof IOException failure) {
        throw failure;
      }
      throw wrapped;
    }
  }

  private static final class Input extends InputStream {
    private final TcpStream stream;
    private final byte[] one = new byte[1];

    Input(TcpStream stream) {
      this.stream = stream;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      return awaitIo(stream.read(ByteBuffer.wrap(b, off, len)));
    }

    @Override
    public void close() {
      stream.close();
    }

    @Override
    public String toString() {
      return "FiberStreams.input(" + stream + ")";
    }
  }

  private static final class Output extends OutputStream {
    private final TcpStream stream;

    Output(TcpStream stream) {
      this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return;
      }
      awaitIo(stream.writeAll(ByteBuffer.wrap(b, off, len)));
    }

    @Override
    public void close() {
      stream.close();
    }

    @Override
    public String toString() {
      return "FiberStreams.output(" + stream + ")";
    }
  }
}
