package dev.gearbox.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubscriberStreamTest {
  private final CountingWaker waker = new CountingWaker();

  /** A subscription that records requests and cancels. */
  private static final class RecordingSubscription implements Flow.Subscription {
    final List<Long> requests = new ArrayList<>();
    int cancels;

    @Override
    public void request(long n) {
      requests.add(n);
    }

    @Override
    public void cancel() {
      cancels++;
    }
  }

  @Test
  void requestsTheBufferThenRefillsAsTheConsumerTakes() throws Exception {
    SubscriberStream<Integer> stream = Streams.subscriber(4);
    RecordingSubscription subscription = new RecordingSubscription();
    stream.onSubscribe(subscription);
    assertThat(subscription.requests).containsExactly(4L);
    assertThat(stream.pollNext(waker.context()).isPending()).isTrue();
    for (int item = 0; item < 4; item++) {
      stream.onNext(item);
    }
    assertThat(waker.wakes()).isPositive();
    assertThat(stream.pollNext(waker.context()).value()).isZero();
    assertThat(subscription.requests).as("no refill before half is taken").hasSize(1);
    assertThat(stream.pollNext(waker.context()).value()).isEqualTo(1);
    assertThat(subscription.requests).containsExactly(4L, 2L);
    stream.onComplete();
    assertThat(stream.pollNext(waker.context()).value())
        .as("buffered items come first")
        .isEqualTo(2);
    assertThat(stream.pollNext(waker.context()).value()).isEqualTo(3);
    assertThat(Stream.isEnd(stream.pollNext(waker.context()))).isTrue();
  }

  @Test
  void anItemBeyondTheDemandFailsTheStreamWhateverTheRingsCapacity() {
    SubscriberStream<Integer> stream = Streams.subscriber(3); // the ring's capacity rounds up to 4
    RecordingSubscription subscription = new RecordingSubscription();
    stream.onSubscribe(subscription);
    for (int item = 0; item < 4; item++) {
      stream.onNext(item);
    }
    assertThat(subscription.cancels).isEqualTo(1);
    assertThatThrownBy(
            () -> {
              for (int polls = 0; polls < 5; polls++) {
                stream.pollNext(waker.context());
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more items than requested");
  }

  @Test
  void aSecondSubscriptionIsCancelledAndDroppingCancelsTheFirst() {
    SubscriberStream<Integer> stream = Streams.subscriber(2);
    RecordingSubscription first = new RecordingSubscription();
    RecordingSubscription second = new RecordingSubscription();
    stream.onSubscribe(first);
    stream.onSubscribe(second);
    assertThat(second.cancels).isEqualTo(1);
    assertThat(second.requests).isEmpty();
    stream.drop();
    assertThat(first.cancels).isEqualTo(1);
  }

  @Test
  void onErrorFailsTheStreamAndNullSignalsAreRejected() throws Exception {
    SubscriberStream<Integer> stream = Streams.subscriber(2);
    stream.onSubscribe(new RecordingSubscription());
    assertThatThrownBy(() -> stream.onNext(null)).isInstanceOf(NullPointerException.class);
    stream.onError(new IllegalStateException("upstream broke"));
    assertThatThrownBy(() -> stream.pollNext(waker.context())).hasMessage("upstream broke");
    assertThatThrownBy(() -> Streams.subscriber(0)).hasMessageContaining("but was 0");
  }

  @Test
  void fromPublisherSubscribesAtTheFirstPoll() throws Exception {
    List<Flow.Subscriber<? super String>> subscribers = new ArrayList<>();
    SubscriberStream<String> stream = Streams.fromPublisher(subscribers::add, 8);
    assertThat(subscribers).isEmpty();
    assertThat(stream.pollNext(waker.context()).isPending()).isTrue();
    assertThat(subscribers).containsExactly(stream);
  }
}
