package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.nio.ByteBuffer;

/**
 * {@link TcpStream#copy}: reads into one buffer and writes it all out, again and again, until the
 * source ends. One read or write future is alive at a time; dropping the copy drops it. Between two
 * host sockets the same read and write futures serve every chunk (an {@link IoFuture} polled after
 * Ready starts its operation anew), so a chunk allocates nothing; other connections (a simulated
 * network's) get a new future per chunk.
 */
final class StreamCopy implements Future<Long> {
  /** The buffer size, as Tokio's {@code io::copy}. */
  static final int BUFFER_SIZE = 8192;

  private final TcpStream from;
  private final TcpStream to;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

  /** The read of every chunk, or null to make one per chunk. */
  private final Future<Integer> readChunk;

  /** The write of every chunk, or null to make one per chunk. */
  private final Future<Void> writeChunk;

  private Future<Integer> reading;
  private Future<Void> writing;
  private long copied;

  StreamCopy(TcpStream from, TcpStream to) {
    this.from = from;
    this.to = to;
    HostConnection source = from.hostConnection();
    HostConnection sink = to.hostConnection();
    boolean repeatable = source != null && sink != null;
    this.readChunk = repeatable ? source.read(buffer) : null;
    this.writeChunk = repeatable ? sink.writeAll(buffer) : null;
  }

  @Override
  public Poll<Long> poll(Context cx) throws Exception {
    while (true) {
      if (writing != null) {
        if (writing.poll(cx).isPending()) {
          return Poll.pending();
        }
        writing = null;
      }
      if (reading == null) {
        buffer.clear();
        reading = readChunk != null ? readChunk : from.read(buffer);
      }
      if (!(reading.poll(cx) instanceof Poll.Ready<Integer>(Integer read))) {
        return Poll.pending();
      }
      reading = null;
      if (read < 0) {
        return Poll.ready(copied);
      }
      copied += read;
      buffer.flip();
      writing = writeChunk != null ? writeChunk : to.writeAll(buffer);
    }
  }

  @Override
  public void drop() {
    if (reading != null) {
      reading.drop();
      reading = null;
    }
    if (writing != null) {
      writing.drop();
      writing = null;
    }
  }
}
