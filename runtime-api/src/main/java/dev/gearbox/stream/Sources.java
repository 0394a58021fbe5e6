package dev.gearbox.stream;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.sync.Broadcast;
import dev.gearbox.sync.Channel;
import dev.gearbox.time.Interval;
import java.util.Iterator;
import java.util.Objects;

/**
 * The streams behind {@link Streams}' sources. Each is polled by one task at a time; the ones that
 * can produce at once spend the cooperative budget first ({@code Context.proceedOrYield()}).
 */
final class Sources {
  private Sources() {}

  /** {@link Streams#fromIterable}: the iterator's items, one per poll's budget unit. */
  static final class IteratorStream<T> implements Stream<T> {
    private final Iterator<? extends T> iterator;

    IteratorStream(Iterator<? extends T> iterator) {
      this.iterator = iterator;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
      if (!iterator.hasNext()) {
        return Stream.end();
      }
      if (!cx.proceedOrYield()) {
        return Poll.pending();
      }
      return Poll.ready(Objects.requireNonNull(iterator.next(), "streams carry no null items"));
    }
  }

  /** {@link Streams#from(Channel.Receiver)}: the receiver's shared receive future, repeated. */
  record ReceiverStream<T>(Channel.Receiver<T> receiver) implements Stream<T> {
    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      return receiver.receive().poll(cx);
    }

    @Override
    public void drop() {
      receiver.receive().drop();
    }
  }

  /** {@link Streams#from(Broadcast.Receiver)}: one receive future at a time, kept while pending. */
  static final class BroadcastStream<T> implements Stream<T> {
    private final Broadcast.Receiver<T> receiver;
    private Future<T> pending;

    BroadcastStream(Broadcast.Receiver<T> receiver) {
      this.receiver = receiver;
    }

    @Override
    public Poll<T> pollNext(Context cx) throws Exception {
      if (pending == null) {
        pending = receiver.receive();
      }
      Poll<T> poll;
      try {
        poll = pending.poll(cx);
      } catch (Exception failure) {
        pending = null;
        throw failure;
      }
      if (poll.isReady()) {
        pending = null;
      }
      return poll;
    }

    @Override
    public void drop() {
      if (pending != null) {
        pending.drop();
        pending = null;
      }
    }
  }

  /** {@link Streams#from(Interval)}: the deadline of each tick; never ends. */
  record IntervalStream(Interval interval) implements Stream<Long> {
    @Override
    public Poll<Long> pollNext(Context cx) {
      if (!cx.proceedOrYield()) {
        return Poll.pending();
      }
      return interval.pollTick(cx);
    }

    @Override
    public void drop() {
      interval.drop();
    }
  }
}
