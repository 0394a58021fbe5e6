package dev.gearbox.verification;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.stream.Stream;
import dev.gearbox.stream.Streams;
import dev.gearbox.stream.SubscriberStream;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber rules (§2, §3.8) against {@link SubscriberStream} as a
 * white box: each signal is reported to the TCK's probe, and the TCK drives the stream's consumer,
 * a task of the minimal runtime. Run by TestNG through the JUnit Platform.
 *
 * <p>The puppet's {@code triggerRequest(n)} lets the consumer task pull {@code n} more items from
 * the stream, and {@code signalCancel()} makes it drop the stream: that is how an owner of a {@link
 * SubscriberStream} requests and cancels, the stream turning consumption into {@code request} calls
 * and its drop into {@code cancel}. The stream requests its buffer ahead at subscription, so the
 * TCK sees that first request rather than one request per {@code triggerRequest}, which its rules
 * allow.
 */
public class SubscriberStreamWhiteboxTckTest extends FlowSubscriberWhiteboxVerification<Integer> {
  private final Runtime runtime = TckRuntime.create();

  /** Creates the verification with the TCK's signal timeout. */
  public SubscriberStreamWhiteboxTckTest() {
    super(new TestEnvironment(TckRuntime.TIMEOUT_MILLIS));
  }

  @Override
  protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
    SubscriberStream<Integer> stream = Streams.subscriber(16);
    PuppetConsumer<Integer> consumer = new PuppetConsumer<>(stream);
    runtime.spawn(consumer);
    return new ProbedSubscriber<>(stream, consumer, probe);
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  /** Shuts the runtime down once every rule was checked. */
  @AfterClass
  public void shutDown() {
    runtime.shutdown(Duration.ofSeconds(10));
  }

  /**
   * Hands each signal to the stream, then reports it to the probe, as the TCK's example subscriber
   * does; the first subscription registers the puppet.
   */
  private static final class ProbedSubscriber<T> implements Flow.Subscriber<T> {
    private final SubscriberStream<T> stream;
    private final PuppetConsumer<T> consumer;
    private final WhiteboxSubscriberProbe<T> probe;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ProbedSubscriber(
        SubscriberStream<T> stream, PuppetConsumer<T> consumer, WhiteboxSubscriberProbe<T> probe) {
      this.stream = stream;
      this.consumer = consumer;
      this.probe = probe;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      stream.onSubscribe(subscription);
      // A second subscription is the stream's to cancel (§2.5); the puppet stays the first one.
      if (subscribed.compareAndSet(false, true)) {
        probe.registerOnSubscribe(
            new SubscriberPuppet() {
              @Override
              public void triggerRequest(long elements) {
                consumer.pull(elements);
              }

              @Override
              public void signalCancel() {
                consumer.cancel();
              }
            });
      }
    }

    @Override
    public void onNext(T item) {
      stream.onNext(item);
      probe.registerOnNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      stream.onError(throwable);
      probe.registerOnError(throwable);
    }

    @Override
    public void onComplete() {
      stream.onComplete();
      probe.registerOnComplete();
    }

    @Override
    public String toString() {
      return "ProbedSubscriber[" + stream + "]";
    }
  }

  /**
   * The stream's consumer: polls it for as many items as the puppet asked for, and drops it when
   * the puppet cancels. Ends at the end of the stream, or when the stream fails (the probe has the
   * error already).
   */
  private static final class PuppetConsumer<T> implements Future<Void> {
    private final Stream<T> stream;
    private final AtomicWaker waker = new AtomicWaker();
    private final AtomicLong demand = new AtomicLong();
    private volatile boolean cancelled;

    PuppetConsumer(Stream<T> stream) {
      this.stream = stream;
    }

    /** Lets the consumer take {@code items} more items (saturating at Long.MAX_VALUE). */
    void pull(long items) {
      if (items <= 0) {
        throw new IllegalArgumentException("items must be positive, but was " + items);
      }
      demand.accumulateAndGet(
          items,
          (current, more) -> more > Long.MAX_VALUE - current ? Long.MAX_VALUE : current + more);
      waker.wake();
    }

    /** Makes the consumer drop the stream, which cancels the subscription. */
    void cancel() {
      cancelled = true;
      waker.wake();
    }

    @Override
    public Poll<Void> poll(Context cx) {
      waker.register(cx.waker());
      while (!cancelled) {
        if (demand.get() == 0) {
          return Poll.pending();
        }
        Poll<T> next;
        try {
          next = stream.pollNext(cx);
        } catch (Exception failed) {
          return Poll.ready();
        }
        if (next.isPending()) {
          return Poll.pending();
        }
        if (Stream.isEnd(next)) {
          return Poll.ready();
        }
        demand.decrementAndGet();
      }
      stream.drop();
      return Poll.ready();
    }

    /** The runtime shut down with the consumer still waiting: drop the stream. */
    @Override
    public void drop() {
      stream.drop();
    }
  }
}
