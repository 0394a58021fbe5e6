package dev.gearbox.stream;

import dev.gearbox.future.Context;
import dev.gearbox.future.Join2;
import dev.gearbox.future.Poll;
import java.util.ArrayList;
import java.util.List;

/**
 * The combinators that gather items: into lists ({@link Stream#buffer}), from two streams as they
 * come ({@link Stream#merge}) or in pairs ({@link Stream#zip}). Each owns its streams, polls them
 * with the caller's context and forwards {@code drop()}; none is thread-safe.
 */
final class Gathering {
  private Gathering() {}

  /** {@link Stream#buffer}: lists of {@code size}, the last one possibly shorter. */
  static final class BufferStream<T> implements Stream<List<T>> {
    private final Stream<T> source;
    private final int size;
    private List<T> chunk;
    private boolean ended;

    BufferStream(Stream<T> source, int size) {
      this.source = source;
      this.size = size;
    }

    @Override
    public Poll<List<T>> pollNext(Context cx) throws Exception {
      do {
        Poll<T> poll = source.pollNext(cx);
        if (!(poll instanceof Poll.Ready<T>(T item))) {
          return Poll.pending();
        }
        if (item == null) {
          ended = true;
          break;
        }
        if (chunk == null) {
          chunk = new ArrayList<>(Math.min(size, 64));
        }
        chunk.add(item);
        if (chunk.size() == size) {
          return Poll.ready(takeChunk());
        }
      } while (cx.consumeBudget());
      if (!ended) {
        return StreamOps.yieldNow(cx);
      }
      return chunk == null ? Stream.end() : Poll.ready(takeChunk());
    }

    private List<T> takeChunk() {
      List<T> full = chunk;
      chunk = null;
      return full;
    }

    @Override
    public void drop() {
      chunk = null;
      source.drop();
    }
  }

  /** {@link Stream#merge}: whichever is ready, the first polled alternating each poll. */
  static final class MergeStream<T> implements Stream<T> {
    private final Stream<? extends T> first;
    private final Stream<? extends T> second;
    private boolean firstEnded;
    private boolean secondEnded;
    private boolean secondFirst;

    MergeStream(Stream<? extends T> first, Stream<? extends T> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      secondFirst = !secondFirst;
      for (int turn = 0; turn < 2; turn++) {
        boolean pollSecond = secondFirst == (turn == 0);
        if (pollSecond ? secondEnded : firstEnded) {
          continue;
        }
        Poll<? extends T> poll = pollSecond ? second.pollNext(cx) : first.pollNext(cx);
        if (poll instanceof Poll.Ready<? extends T> ready) {
          if (ready.value() != null) {
            return Poll.ready(ready.value());
          }
          if (pollSecond) {
            secondEnded = true;
          } else {
            firstEnded = true;
          }
        }
      }
      return firstEnded && secondEnded ? Stream.end() : Poll.pending();
    }

    @Override
    public void drop() {
      first.drop();
      second.drop();
    }
  }

  /** {@link Stream#zip}: one item of each, kept until its partner comes. */
  static final class ZipStream<A, B> implements Stream<Join2<A, B>> {
    private final Stream<A> first;
    private final Stream<B> second;
    private A firstItem;
    private B secondItem;

    ZipStream(Stream<A> first, Stream<B> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public Poll<Join2<A, B>> pollNext(Context cx) throws Exception {
      if (firstItem == null) {
        Poll<A> poll = first.pollNext(cx);
        if (Stream.isEnd(poll)) {
          return Stream.end();
        }
        if (poll.isReady()) {
          firstItem = poll.value();
        }
      }
      if (secondItem == null) {
        Poll<B> poll = second.pollNext(cx);
        if (Stream.isEnd(poll)) {
          return Stream.end();
        }
        if (poll.isReady()) {
          secondItem = poll.value();
        }
      }
      if (firstItem == null || secondItem == null) {
        return Poll.pending();
      }
      Join2<A, B> pair = new Join2<>(firstItem, secondItem);
      firstItem = null;
      secondItem = null;
      return Poll.ready(pair);
    }

    @Override
    public void drop() {
      first.drop();
      second.drop();
    }
  }
}
