package dev.gearbox.examples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits bytes read from a connection into UTF-8 lines ended by {@code \n} (a {@code \r} before it
 * is dropped), keeping an unfinished line until the next bytes arrive. A line longer than the limit
 * is passed on in pieces of that length. One connection's reader task only.
 */
final class LineSplitter {
  private final int maxLine;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineSplitter(int maxLine) {
    this.maxLine = maxLine;
  }

  /** Passes every line completed by the remaining bytes of {@code bytes} to {@code lines}. */
  void split(ByteBuffer bytes, Consumer<String> lines) {
    while (bytes.hasRemaining()) {
      byte next = bytes.get();
      if (next == '\n') {
        lines.accept(take());
      } else {
        if (pending.size() >= maxLine) {
          lines.accept(take()); // a full piece, passed on once it is known to go on
        }
        pending.write(next);
      }
    }
  }

  private String take() {
    byte[] line = pending.toByteArray();
    pending.reset();
    int length = line.length;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }
}
