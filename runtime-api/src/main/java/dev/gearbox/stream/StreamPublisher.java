package dev.gearbox.stream;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Streams#toPublisher}: a {@link Flow.Publisher} that drives one stream for one subscriber,
 * in a task spawned on a runtime, emitting only what was requested.
 *
 * @param <T> the item type
 */
final class StreamPublisher<T> implements Flow.Publisher<T> {
  /*
   * Implementation notes. A stream has one consumer, so the publisher serves one subscriber; later
   * ones get onSubscribe and then onError (Reactive Streams §1.9, §1.10). onSubscribe runs on the
   * subscribing thread before the task is spawned, which orders it before every later signal; all
   * other signals come from the task (one poll at a time), so they are serial (§1.3). request(n)
   * adds to `demand` (saturating at Long.MAX_VALUE, §3.17) and wakes the task through an
   * AtomicWaker; it never calls onNext itself, so there is no recursion (§3.3). A bad n is kept and
   * signalled as onError by the task (§3.9). cancel() sets a flag the task acts on at its next poll
   * (§3.5, §3.7): it drops the stream and signals nothing more.
   */

  private final AtomicReference<Stream<T>> stream;
  private final Runtime runtime;

  StreamPublisher(Stream<T> stream, Runtime runtime) {
    this.stream = new AtomicReference<>(stream);
    this.runtime = runtime;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Stream<T> source = stream.getAndSet(null);
    if (source == null) {
      subscriber.onSubscribe(Rejected.INSTANCE);
      subscriber.onError(
          new IllegalStateException(
              "this publisher's stream already has a subscriber; a stream has one consumer"));
      return;
    }
    Driver<T> driver = new Driver<>(source, subscriber);
    subscriber.onSubscribe(driver);
    try {
      runtime.spawn(driver);
    } catch (RuntimeException refused) {
      source.drop();
      subscriber.onError(refused);
    }
  }

  /** The subscription handed to a rejected subscriber: requests and cancels do nothing. */
  private enum Rejected implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }

  /** The subscription, and the task that polls the stream while there is demand. */
  private static final class Driver<T> implements Flow.Subscription, Future<Void> {
    private final AtomicLong demand = new AtomicLong();
    private final AtomicWaker waker = new AtomicWaker();
    private final Stream<T> source;
    private final Flow.Subscriber<? super T> subscriber;
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private boolean finished;

    Driver(Stream<T> source, Flow.Subscriber<? super T> subscriber) {
      this.source = source;
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest =
            new IllegalArgumentException(
                "request(n) needs n > 0 (Reactive Streams §3.9), but n was " + n);
      } else {
        demand.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
      }
      waker.wake();
    }

    @Override
    public void cancel() {
      cancelled = true;
      waker.wake();
    }

    @Override
    public Poll<Void> poll(Context cx) {
      waker.register(cx.waker());
      do { // each item after the first spends a unit of the task's budget
        if (cancelled) {
          return finish(null, false);
        }
        IllegalArgumentException bad = badRequest;
        if (bad != null) {
          return finish(bad, true);
        }
        if (demand.get() == 0) {
          return Poll.pending();
        }
        Poll<T> poll;
        try {
          poll = source.pollNext(cx);
        } catch (Throwable failure) {
          finished = true; // the stream failed: it is finished, not dropped
          subscriber.onError(failure);
          return Poll.ready();
        }
        if (!(poll instanceof Poll.Ready<T>(T item))) {
          return Poll.pending();
        }
        if (item == null) {
          finished = true;
          subscriber.onComplete();
          return Poll.ready();
        }
        demand.decrementAndGet();
        try {
          subscriber.onNext(item);
        } catch (Throwable broken) {
          return finish(null, false); // §2.13: a throwing subscriber is treated as cancelled
        }
      } while (cx.consumeBudget());
      return StreamOps.yieldNow(cx);
    }

    /** The task was aborted (or its runtime shut down): the subscriber is told, if it listens. */
    @Override
    public void drop() {
      if (!finished) {
        finish(new CancellationException("the task publishing this stream was cancelled"), true);
      }
    }

    private Poll<Void> finish(Throwable error, boolean signal) {
      finished = true;
      source.drop();
      if (signal && !cancelled) {
        subscriber.onError(error);
      }
      return Poll.ready();
    }
  }
}
