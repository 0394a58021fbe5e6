package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.nio.ByteBuffer;

/**
 * {@link TcpStream#copy}: reads into one buffer and writes it all out, again and again, until the
 * source ends. One read or write future is alive at a time; dropping the copy drops it.
 */
final class StreamCopy implements Future<Long> {
  /** The buffer size, as Tokio's {@code io::copy}. */
  static final int BUFFER_SIZE = 8192;

  private final TcpStream from;
  private final TcpStream to;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
  private Future<Integer> reading;
  private Future<Void> writing;
  private long copied;

  StreamCopy(TcpStream from, TcpStream to) {
    this.from = from;
    this.to = to;
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
        reading = from.read(buffer);
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
      writing = to.writeAll(buffer);
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
