package dev.gearbox.stream;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * A {@link Flow.Subscriber} that is also a {@link Stream} of what it receives: it requests at most
 * {@code bufferSize} items ahead of the consumer, so a slow consumer holds the publisher back. Made
 * by {@link Streams#subscriber(int)} (subscribe it yourself) or {@link Streams#fromPublisher}
 * (subscribes at the first poll).
 *
 * <p>Back-pressure: it requests {@code bufferSize} items on subscription, then, each time the
 * consumer has taken half of that, requests as many again, so at most {@code bufferSize} items are
 * ever buffered. A publisher that sends more than requested is a protocol error: the subscription
 * is cancelled and the stream fails. The stream ends with onComplete and fails with onError's
 * exception (an {@link Error} as is, a throwable that is neither wrapped in {@link
 * CompletionException}). Dropping the stream cancels the subscription.
 *
 * <p>Cost: items pass through a lock-free single-producer, single-consumer ring; the consumer wakes
 * through an {@link AtomicWaker}. The signals may come from any thread (serially, as Reactive
 * Streams requires); the stream is polled by one task at a time.
 *
 * @param <T> the item type
 */
public final class SubscriberStream<T> implements Flow.Subscriber<T>, Stream<T> {
  /*
   * Implementation notes. `queue` is filled by onNext (the publisher's signals are serial with
   * happens-before, §1.3, so it has one producer at a time) and drained by pollNext. Terminal
   * signals set `error` and then the volatile `done`; the consumer reads `done` before its last
   * look at the queue, so items sent before the terminal signal are all delivered first.
   * `subscription` is written once by onSubscribe; `taken` and `publisher` belong to the consumer.
   * `demand` counts items requested and not yet received (the consumer adds before it requests,
   * onNext spends one), so an item beyond the demand is caught exactly, whatever the ring's
   * capacity (which JCTools rounds up to a power of two).
   */

  private final SpscAtomicArrayQueue<T> queue;

  /** Items requested and not yet received: granted by the consumer, spent by onNext. */
  private final AtomicLong demand = new AtomicLong();

  private final AtomicWaker waker = new AtomicWaker();
  private final int bufferSize;
  private final int refill;
  private Flow.Publisher<? extends T> publisher;
  private volatile Flow.Subscription subscription;
  private volatile boolean done;
  private volatile boolean dropped;
  private Throwable error;
  private int taken;

  SubscriberStream(int bufferSize, Flow.Publisher<? extends T> publisher) {
    this.bufferSize = bufferSize;
    this.refill = Math.max(1, bufferSize / 2);
    this.queue = new SpscAtomicArrayQueue<>(bufferSize);
    this.publisher = publisher;
  }

  @Override
  public void onSubscribe(Flow.Subscription newSubscription) {
    Objects.requireNonNull(newSubscription, "subscription");
    if (subscription != null || dropped) {
      newSubscription.cancel(); // §2.5: one subscription at a time
      return;
    }
    subscription = newSubscription;
    demand.addAndGet(bufferSize);
    newSubscription.request(bufferSize);
  }

  @Override
  public void onNext(T item) {
    Objects.requireNonNull(item, "item");
    if (done) {
      return;
    }
    if (demand.getAndDecrement() <= 0 || !queue.offer(item)) {
      subscription.cancel();
      terminate(
          new IllegalStateException(
              "the publisher sent more items than requested (Reactive Streams §1.1)"));
      return;
    }
    waker.wake();
  }

  @Override
  public void onError(Throwable throwable) {
    Objects.requireNonNull(throwable, "throwable");
    terminate(throwable);
  }

  @Override
  public void onComplete() {
    terminate(null);
  }

  @Override
  public Poll<T> pollNext(Context cx) throws Exception {
    if (publisher != null) {
      Flow.Publisher<? extends T> subscribeTo = publisher;
      publisher = null;
      subscribeTo.subscribe(this);
    }
    T item = queue.poll();
    if (item == null) {
      waker.register(cx.waker());
      boolean ended = done;
      item = queue.poll();
      if (item == null) {
        if (!ended) {
          return Poll.pending();
        }
        if (error != null) {
          throw asException(error);
        }
        return Stream.end();
      }
    }
    if (++taken >= refill && !done) {
      int request = taken;
      taken = 0;
      demand.addAndGet(request);
      subscription.request(request);
    }
    return Poll.ready(item);
  }

  /** Cancels the subscription and discards what was buffered. */
  @Override
  public void drop() {
    dropped = true;
    publisher = null;
    Flow.Subscription current = subscription;
    if (current != null && !done) {
      current.cancel();
    }
    queue.clear();
  }

  private void terminate(Throwable failure) {
    if (done) {
      return;
    }
    error = failure;
    done = true;
    waker.wake();
  }

  private static Exception asException(Throwable failure) {
    if (failure instanceof Exception exception) {
      return exception;
    }
    if (failure instanceof Error fatal) {
      throw fatal;
    }
    return new CompletionException(failure);
  }

  @Override
  public String toString() {
    return "SubscriberStream[buffer=" + bufferSize + (done ? ", done]" : "]");
  }
}
