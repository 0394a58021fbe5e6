package dev.gearbox.fs;

import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Async;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.JoinedElsewhere;
import dev.gearbox.stream.Stream;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lines of a file as a {@link Stream}, read in batches on the blocking pool: the file is opened
 * by the first batch, and closed at its end, on a failure, or when the stream is dropped.
 */
final class LinesStream implements Stream<String> {
  /*
   * Implementation notes: at most one batch read is in flight, so `reader` is used by one blocking
   * thread at a time, handed from one to the next through the join (a happens-before edge).
   * `buffer`, `pending` and `ended` belong to the polling task. Closing: `state` holds READING
   * (a batch is queued or running) and CLOSE (the stream was dropped); whoever makes it CLOSE
   * without READING closes the reader: the batch as it finishes, or the drop if no batch is in
   * flight. A dropped stream lets a queued batch run (it reads nothing once CLOSE is set) rather
   * than abort it, so the reader is never left open by an abort.
   */
  static final int BATCH = 256;
  private static final int READING = 1;
  private static final int CLOSE = 2;

  private final Path path;
  private final Charset charset;
  private final AtomicInteger state = new AtomicInteger();
  private final ArrayDeque<String> buffer = new ArrayDeque<>();
  private BufferedReader reader;
  private JoinHandle<List<String>> pending;
  private final Callable<List<String>> batchReader = new BatchReader();
  private boolean ended;

  LinesStream(Path path, Charset charset) {
    this.path = path;
    this.charset = charset;
  }

  @Override
  public Poll<String> pollNext(Context cx) throws Exception {
    while (true) {
      String line = buffer.pollFirst();
      if (line != null) {
        return Poll.ready(line);
      }
      if (ended) {
        return Stream.end();
      }
      if (pending == null) {
        state.getAndUpdate(bits -> bits | READING);
        pending = Async.runtime().spawnBlocking(batchReader);
      }
      List<String> batch;
      try {
        Poll<List<String>> poll = pending.poll(cx);
        if (!(poll instanceof Poll.Ready<List<String>>(List<String> ready))) {
          return Poll.pending();
        }
        batch = ready;
      } catch (JoinException failed) {
        ended = true;
        throw BlockingCall.unwrap(failed);
      } finally {
        if (pending.isFinished()) {
          pending = null;
        }
      }
      if (batch.isEmpty()) {
        ended = true;
      }
      buffer.addAll(batch);
    }
  }

  /** The blocking call of one batch; the stream awaits its outcome (JoinedElsewhere). */
  private final class BatchReader implements Callable<List<String>>, JoinedElsewhere {
    @Override
    public List<String> call() throws IOException {
      return readBatch();
    }
  }

  /** Reads up to {@link #BATCH} lines; an empty list at the end. On a blocking-pool thread. */
  private List<String> readBatch() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean done = true;
    try {
      if ((state.get() & CLOSE) != 0) {
        return lines;
      }
      if (reader == null) {
        reader = Files.newBufferedReader(path, charset);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        if (lines.size() == BATCH) {
          break;
        }
      }
      done = lines.isEmpty();
      return lines;
    } finally {
      int before = state.getAndUpdate(bits -> bits & ~READING);
      if (done || (before & CLOSE) != 0) {
        closeReader();
      }
    }
  }

  private void closeReader() throws IOException {
    BufferedReader open = reader;
    reader = null;
    if (open != null) {
      open.close();
    }
  }

  @Override
  public void drop() {
    int before = state.getAndUpdate(bits -> bits | CLOSE);
    if ((before & READING) == 0 && !ended) {
      try {
        closeReader();
      } catch (IOException e) {
        // nothing reads it any more
      }
    }
  }
}
