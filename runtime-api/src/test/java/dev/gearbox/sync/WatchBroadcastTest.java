package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WatchBroadcastTest {
  private final CountingWaker waker = new CountingWaker();

  @Test
  void aWatchReceiverSeesTheLatestValueAndWaitsForTheNextChange() throws Exception {
    Watch.Pair<String> pair = Watch.channel("v0");
    Watch.Receiver<String> receiver = pair.receiver();
    assertThat(receiver.borrow()).isEqualTo("v0");
    assertThat(receiver.hasChanged()).isFalse();
    Future<Void> changed = receiver.changed();
    assertThat(changed.poll(waker.context()).isPending()).isTrue();
    pair.sender().send("v1");
    pair.sender().send("v2");
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(changed.poll(waker.context()).isReady()).isTrue();
    assertThat(receiver.borrow()).as("intermediate values are skipped").isEqualTo("v2");
    assertThat(receiver.changed().poll(waker.context()).isPending()).isTrue();
    Watch.Receiver<String> late = pair.sender().subscribe();
    assertThat(late.hasChanged()).isFalse();
    pair.sender().send("v3");
    assertThat(late.copy().borrowAndUpdate()).isEqualTo("v3");
    assertThat(late.hasChanged()).isTrue();
  }

  @Test
  void aDroppedChangedFutureMarksNothingSeenAndCloseEndsTheWait() throws Exception {
    Watch.Pair<Integer> pair = Watch.channel(0);
    Future<Void> dropped = pair.receiver().changed();
    dropped.poll(waker.context());
    dropped.drop();
    pair.sender().send(1);
    assertThat(waker.wakes()).isZero();
    assertThat(pair.receiver().hasChanged()).isTrue();
    assertThat(pair.receiver().changed().poll(waker.context()).isReady()).isTrue();
    Future<Void> waiting = pair.receiver().changed();
    waiting.poll(waker.context());
    pair.sender().close();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThatThrownBy(() -> waiting.poll(waker.context()))
        .isInstanceOf(ChannelClosedException.class);
    assertThatThrownBy(() -> pair.sender().send(2)).isInstanceOf(ChannelClosedException.class);
    assertThatThrownBy(() -> Watch.channel(null)).hasMessage("initial");
  }

  @Test
  void everyBroadcastReceiverSeesEveryMessageInOrder() throws Exception {
    Broadcast.Pair<Integer> pair = Broadcast.channel(4);
    Broadcast.Receiver<Integer> second = pair.sender().subscribe();
    Future<Integer> waiting = pair.receiver().receive();
    assertThat(waiting.poll(waker.context()).isPending()).isTrue();
    assertThat(pair.sender().send(1)).isEqualTo(2);
    assertThat(pair.sender().send(2)).isEqualTo(2);
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(waiting.poll(waker.context()).value()).isEqualTo(1);
    assertThat(pair.receiver().tryReceive()).isEqualTo(2);
    assertThat(second.tryReceive()).isEqualTo(1);
    assertThat(second.receive().poll(waker.context()).value()).isEqualTo(2);
    assertThat(second.tryReceive()).isNull();
    second.close();
    assertThat(pair.sender().receiverCount()).isEqualTo(1);
    assertThatThrownBy(second::tryReceive).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLaggingReceiverLearnsHowManyItMissedAndContinuesFromTheOldest() throws Exception {
    Broadcast.Pair<Integer> pair = Broadcast.channel(2);
    for (int message = 0; message < 5; message++) {
      pair.sender().send(message);
    }
    Broadcast.Receiver<Integer> receiver = pair.receiver();
    assertThatThrownBy(() -> receiver.receive().poll(waker.context()))
        .isInstanceOfSatisfying(
            LaggedException.class, lagged -> assertThat(lagged.missed()).isEqualTo(3))
        .hasMessageContaining("missed 3 messages");
    assertThat(receiver.tryReceive()).isEqualTo(3);
    assertThat(receiver.tryReceive()).isEqualTo(4);
    pair.sender().close();
    assertThat(receiver.receive().poll(waker.context())).isEqualTo(Poll.ready());
  }

  @Test
  void aDroppedBroadcastReceiveLosesNothingAndNoReceiverMeansNoStore() throws Exception {
    Broadcast.Pair<String> pair = Broadcast.channel(2);
    Future<String> dropped = pair.receiver().receive();
    dropped.poll(waker.context());
    dropped.drop();
    pair.sender().send("kept");
    assertThat(waker.wakes()).isZero();
    assertThat(pair.receiver().tryReceive()).isEqualTo("kept");
    pair.receiver().close();
    assertThat(pair.sender().send("nobody")).isZero();
    assertThatThrownBy(() -> Broadcast.channel(0)).hasMessageContaining("but was 0");
  }
}
