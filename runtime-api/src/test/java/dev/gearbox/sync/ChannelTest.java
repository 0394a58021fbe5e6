package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChannelTest {
  private final CountingWaker receiverWaker = new CountingWaker();
  private final Context receiverCx = receiverWaker.context();

  @Test
  void capacityMustBePositiveAndIsNamedInTheError() throws Exception {
    assertThatThrownBy(() -> Channel.bounded(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1")
        .hasMessageContaining("was 0");
    assertThat(Channel.bounded(3).sender().capacity()).isEqualTo(3);
  }

  @Test
  void trySendFillsUpToCapacityAndTheReceiverSeesFifoOrder() throws Exception {
    Channel.Pair<Integer> pair = Channel.bounded(3);
    for (int message = 1; message <= 3; message++) {
      assertThat(pair.sender().trySend(message)).isTrue();
    }
    assertThat(pair.sender().trySend(4)).isFalse();
    assertThat(pair.receiver().tryReceive()).isEqualTo(1);
    assertThat(pair.sender().trySend(4)).isTrue();
    assertThat(pair.receiver().tryReceive()).isEqualTo(2);
    assertThat(pair.receiver().tryReceive()).isEqualTo(3);
    assertThat(pair.receiver().tryReceive()).isEqualTo(4);
    assertThat(pair.receiver().tryReceive()).isNull();
  }

  @Test
  void aLargeCapacityBufferGrowsAndKeepsOrderAcrossTheWrap() throws Exception {
    Channel.Pair<Integer> pair = Channel.bounded(100);
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 5; round++) {
      while (pair.sender().trySend(next)) {
        next++;
      }
      for (int taken = 0; taken < 37; taken++) {
        assertThat(pair.receiver().tryReceive()).isEqualTo(expected++);
      }
    }
    Integer message;
    while ((message = pair.receiver().tryReceive()) != null) {
      assertThat(message).isEqualTo(expected++);
    }
    assertThat(expected).isEqualTo(next);
  }

  @Test
  void aPendingReceiveIsWokenBySendAndDroppingItLosesNothing() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    Future<String> receive = pair.receiver().receive();
    assertThat(receive.poll(receiverCx).isPending()).isTrue();
    assertThat(pair.sender().trySend("m")).isTrue();
    assertThat(receiverWaker.wakes()).isEqualTo(1);
    receive.drop();
    assertThat(pair.receiver().receive().poll(receiverCx).value()).isEqualTo("m");
  }

  @Test
  void aDroppedReceiveReleasesItsWaker() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    Future<String> receive = pair.receiver().receive();
    receive.poll(receiverCx);
    receive.drop();
    pair.sender().trySend("m");
    assertThat(receiverWaker.wakes()).isZero();
  }

  @Test
  void sendWaitsForRoomAndWaitingSendersAreServedInFifoOrder() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("first");
    CountingWaker[] wakers = new CountingWaker[3];
    @SuppressWarnings("unchecked")
    Future<Void>[] sends = new Future[3];
    for (int index = 0; index < 3; index++) {
      wakers[index] = new CountingWaker();
      sends[index] = pair.sender().send("s" + index);
      assertThat(sends[index].poll(wakers[index].context()).isPending()).isTrue();
    }
    assertThat(pair.sender().trySend("overtaker")).as("trySend never overtakes").isFalse();

    assertThat(pair.receiver().tryReceive()).isEqualTo("first");
    for (int index = 0; index < 3; index++) {
      for (int other = 0; other < 3; other++) {
        assertThat(wakers[other].wakes())
            .as("wakes of send " + other)
            .isEqualTo(other <= index ? 1 : 0);
      }
      assertThat(pair.sender().trySend("overtaker")).isFalse();
      assertThat(sends[index].poll(wakers[index].context()).isReady()).isTrue();
      assertThat(pair.receiver().receive().poll(receiverCx)).isEqualTo(Poll.ready("s" + index));
    }
    assertThat(pair.sender().trySend("room again")).isTrue();
  }

  @Test
  void aDroppedWaitingSendDeliversNothingAndFreesItsPlace() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("buffered");
    Future<Void> dropped = pair.sender().send("dropped");
    Future<Void> kept = pair.sender().send("kept");
    CountingWaker keptWaker = new CountingWaker();
    dropped.poll(new CountingWaker().context());
    kept.poll(keptWaker.context());

    dropped.drop();
    assertThat(pair.receiver().tryReceive()).isEqualTo("buffered");

    assertThat(keptWaker.wakes()).isEqualTo(1);
    assertThat(kept.poll(keptWaker.context()).isReady()).isTrue();
    assertThat(pair.receiver().tryReceive()).isEqualTo("kept");
    assertThat(pair.receiver().tryReceive()).isNull();
  }

  @Test
  void aDroppedSendThatWasGrantedRoomPassesTheRoomOn() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("buffered");
    Future<Void> granted = pair.sender().send("never");
    Future<Void> next = pair.sender().send("next");
    CountingWaker grantedWaker = new CountingWaker();
    CountingWaker nextWaker = new CountingWaker();
    granted.poll(grantedWaker.context());
    next.poll(nextWaker.context());
    pair.receiver().tryReceive();
    assertThat(grantedWaker.wakes()).isEqualTo(1);
    assertThat(nextWaker.wakes()).isZero();

    granted.drop();

    assertThat(nextWaker.wakes()).isEqualTo(1);
    assertThat(next.poll(nextWaker.context()).isReady()).isTrue();
    assertThat(pair.receiver().tryReceive()).isEqualTo("next");
    assertThat(pair.receiver().tryReceive()).isNull();
    assertThat(pair.sender().trySend("room again")).isTrue();
  }

  @Test
  void aDroppedUnpolledSendDeliversNothing() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().send("never").drop();
    assertThat(pair.receiver().tryReceive()).isNull();
    assertThat(pair.sender().trySend("room")).isTrue();
  }

  @Test
  void closingTheSenderLetsTheReceiverDrainThenSeeTheEnd() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(2);
    pair.sender().trySend("a");
    pair.sender().trySend("b");
    Future<Void> waiting = pair.sender().send("c");
    CountingWaker senderWaker = new CountingWaker();
    waiting.poll(senderWaker.context());

    pair.sender().close();

    assertThat(senderWaker.wakes()).isEqualTo(1);
    assertThatThrownBy(() -> waiting.poll(senderWaker.context()))
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("by the sender");
    assertThatThrownBy(() -> pair.sender().trySend("d")).isInstanceOf(ChannelClosedException.class);
    assertThatThrownBy(() -> pair.sender().send("e").poll(senderWaker.context()))
        .isInstanceOf(ChannelClosedException.class);
    Future<String> receive = pair.receiver().receive();
    assertThat(receive.poll(receiverCx).value()).isEqualTo("a");
    assertThat(receive.poll(receiverCx).value()).isEqualTo("b");
    Poll<String> end = receive.poll(receiverCx);
    assertThat(end.isReady()).isTrue();
    assertThat(end.value()).as("end of stream").isNull();
    assertThat(pair.receiver().isClosed()).isTrue();
  }

  @Test
  void closingTheSenderWakesAWaitingReceiverWithTheEnd() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    Future<String> receive = pair.receiver().receive();
    receive.poll(receiverCx);
    pair.sender().close();
    assertThat(receiverWaker.wakes()).isEqualTo(1);
    assertThat(receive.poll(receiverCx)).isEqualTo(Poll.ready());
  }

  @Test
  void closingTheReceiverFailsSendersAndKeepsBufferedMessages() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("kept");
    Future<Void> waiting = pair.sender().send("refused");
    CountingWaker senderWaker = new CountingWaker();
    waiting.poll(senderWaker.context());

    pair.receiver().close();

    assertThat(senderWaker.wakes()).isEqualTo(1);
    assertThat(pair.sender().isClosed()).isTrue();
    assertThatThrownBy(() -> waiting.poll(senderWaker.context()))
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("by the receiver");
    assertThat(pair.receiver().tryReceive()).isEqualTo("kept");
    assertThat(pair.receiver().receive().poll(receiverCx)).isEqualTo(Poll.ready());
  }

  @Test
  void aGrantedSendFailsIfTheChannelClosesBeforeItsPoll() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("a");
    Future<Void> granted = pair.sender().send("b");
    CountingWaker senderWaker = new CountingWaker();
    granted.poll(senderWaker.context());
    pair.receiver().tryReceive();
    pair.sender().close();
    assertThatThrownBy(() -> granted.poll(senderWaker.context()))
        .isInstanceOf(ChannelClosedException.class);
    assertThat(pair.receiver().tryReceive()).isNull();
  }

  @Test
  void nullMessagesAreRejectedByName() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    assertThatThrownBy(() -> pair.sender().trySend(null)).hasMessage("message");
    assertThatThrownBy(() -> pair.sender().send(null)).hasMessage("message");
  }

  @Test
  void aCompletedSendCannotBePolledAgain() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    Future<Void> send = pair.sender().send("x");
    assertThat(send.poll(receiverCx).isReady()).isTrue();
    assertThatThrownBy(() -> send.poll(receiverCx)).isInstanceOf(IllegalStateException.class);
  }
}
