package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UnboundedChannelTest {
  private final CountingWaker receiverWaker = new CountingWaker();
  private final Context receiverCx = receiverWaker.context();

  @Test
  void sendsCompleteAtOnceAndArriveInOrder() throws Exception {
    Channel.Pair<Integer> pair = Channel.unbounded();
    assertThat(pair.sender().capacity()).isEqualTo(Integer.MAX_VALUE);
    for (int message = 0; message < 1_000; message++) {
      assertThat(pair.sender().send(message).poll(receiverCx).isReady()).isTrue();
    }
    for (int expected = 0; expected < 1_000; expected++) {
      assertThat(pair.receiver().receive().poll(receiverCx).value()).isEqualTo(expected);
    }
    assertThat(pair.receiver().tryReceive()).isNull();
  }

  @Test
  void aWaitingReceiveIsWokenBySendAndClose() throws Exception {
    Channel.Pair<String> pair = Channel.unbounded();
    Future<String> receive = pair.receiver().receive();
    assertThat(receive.poll(receiverCx).isPending()).isTrue();
    pair.sender().trySend("m");
    assertThat(receiverWaker.wakes()).isEqualTo(1);
    assertThat(receive.poll(receiverCx).value()).isEqualTo("m");
    assertThat(receive.poll(receiverCx).isPending()).isTrue();
    pair.sender().close();
    assertThat(receiverWaker.wakes()).isEqualTo(2);
    assertThat(receive.poll(receiverCx)).isEqualTo(Poll.ready());
  }

  @Test
  void closingKeepsWhatWasSentAndRefusesMore() throws Exception {
    Channel.Pair<String> pair = Channel.unbounded();
    pair.sender().trySend("a");
    pair.receiver().close();
    assertThat(pair.sender().isClosed()).isTrue();
    assertThatThrownBy(() -> pair.sender().trySend("b"))
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("by the receiver");
    assertThatThrownBy(() -> pair.sender().send("c").poll(receiverCx))
        .isInstanceOf(ChannelClosedException.class);
    assertThat(pair.receiver().tryReceive()).isEqualTo("a");
    assertThat(pair.receiver().receive().poll(receiverCx)).isEqualTo(Poll.ready());
  }

  @Test
  void receiveManyMovesUpToTheLimitAndZeroMeansTheEnd() throws Exception {
    Channel.Pair<Integer> pair = Channel.unbounded();
    List<Integer> buffer = new ArrayList<>();
    Future<Integer> many = pair.receiver().receiveMany(buffer, 3);
    assertThat(many.poll(receiverCx).isPending()).isTrue();
    for (int message = 0; message < 5; message++) {
      pair.sender().trySend(message);
    }
    assertThat(receiverWaker.wakes()).isPositive();
    assertThat(many.poll(receiverCx).value()).isEqualTo(3);
    assertThat(pair.receiver().receiveMany(buffer, 10).poll(receiverCx).value()).isEqualTo(2);
    assertThat(buffer).containsExactly(0, 1, 2, 3, 4);
    pair.sender().close();
    assertThat(pair.receiver().receiveMany(buffer, 10).poll(receiverCx).value()).isZero();
    assertThatThrownBy(() -> pair.receiver().receiveMany(buffer, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, but was 0");
    assertThatThrownBy(() -> pair.receiver().receiveMany(null, 1)).hasMessage("buffer");
  }

  @Test
  void receiveManyOnABoundedChannelFreesRoomForWaitingSenders() throws Exception {
    Channel.Pair<Integer> pair = Channel.bounded(2);
    pair.sender().trySend(1);
    pair.sender().trySend(2);
    CountingWaker senderWaker = new CountingWaker();
    Future<Void> waiting = pair.sender().send(3);
    assertThat(waiting.poll(senderWaker.context()).isPending()).isTrue();
    List<Integer> buffer = new ArrayList<>();
    assertThat(pair.receiver().receiveMany(buffer, 8).poll(receiverCx).value()).isEqualTo(2);
    assertThat(senderWaker.wakes()).isEqualTo(1);
    assertThat(waiting.poll(senderWaker.context()).isReady()).isTrue();
    assertThat(pair.receiver().tryReceive()).isEqualTo(3);
  }

  @Test
  void receiveManyOnABoundedChannelMovesMoreThanOneBatchInOrderAndGrantsEveryFreedSlot()
      throws Exception {
    int capacity = BoundedChannel.BATCH + 44;
    Channel.Pair<Integer> pair = Channel.bounded(capacity);
    for (int message = 0; message < capacity; message++) {
      assertThat(pair.sender().trySend(message)).isTrue();
    }
    List<CountingWaker> senderWakers = new ArrayList<>();
    List<Future<Void>> waiting = new ArrayList<>();
    for (int extra = 0; extra < 3; extra++) {
      CountingWaker waker = new CountingWaker();
      Future<Void> send = pair.sender().send(capacity + extra);
      assertThat(send.poll(waker.context()).isPending()).isTrue();
      senderWakers.add(waker);
      waiting.add(send);
    }
    List<Integer> buffer = new ArrayList<>();
    assertThat(pair.receiver().receiveMany(buffer, capacity + 10).poll(receiverCx).value())
        .isEqualTo(capacity);
    assertThat(buffer)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, capacity).boxed().toList());
    for (int extra = 0; extra < 3; extra++) {
      assertThat(senderWakers.get(extra).wakes()).as("sender %d woken", extra).isEqualTo(1);
      assertThat(waiting.get(extra).poll(senderWakers.get(extra).context()).isReady()).isTrue();
    }
    buffer.clear();
    assertThat(pair.receiver().receiveMany(buffer, 2).poll(receiverCx).value()).isEqualTo(2);
    assertThat(buffer).containsExactly(capacity, capacity + 1);
  }

  @Test
  void receiveManyOnAnEmptyBoundedChannelWaitsThenEndsWithZeroOnceClosed() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(4);
    List<String> buffer = new ArrayList<>();
    Future<Integer> many = pair.receiver().receiveMany(buffer, 8);
    assertThat(many.poll(receiverCx).isPending()).isTrue();
    pair.sender().trySend("a");
    assertThat(receiverWaker.wakes()).isEqualTo(1);
    assertThat(many.poll(receiverCx).value()).isEqualTo(1);
    pair.sender().close();
    assertThat(pair.receiver().receiveMany(buffer, 8).poll(receiverCx).value()).isZero();
    assertThat(buffer).containsExactly("a");
  }

  @Test
  void everyChannelOperationSpendsTheBudget() throws Exception {
    ExhaustedBudget spent = new ExhaustedBudget();
    Channel.Pair<String> unbounded = Channel.unbounded();
    assertThat(unbounded.sender().send("x").poll(spent).isPending()).isTrue();
    assertThat(unbounded.receiver().tryReceive()).as("nothing sent while out of budget").isNull();
    unbounded.sender().trySend("y");
    assertThat(unbounded.receiver().receive().poll(spent).isPending()).isTrue();
    assertThat(unbounded.receiver().receiveMany(new ArrayList<>(), 1).poll(spent).isPending())
        .isTrue();
    Channel.Pair<String> bounded = Channel.bounded(1);
    assertThat(bounded.sender().send("z").poll(spent).isPending()).isTrue();
    Oneshot.Pair<String> oneshot = Oneshot.channel();
    oneshot.sender().send("v");
    assertThat(oneshot.receiver().poll(spent).isPending()).isTrue();
    assertThat(spent.waker.wakes()).as("each yield wakes its task").isEqualTo(5);
    assertThat(unbounded.receiver().tryReceive()).as("the message stayed").isEqualTo("y");
    assertThat(oneshot.receiver().poll(receiverCx).value()).isEqualTo("v");
  }
}
