package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.ParkingDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OneshotTest {
  private final CountingWaker waker = new CountingWaker();
  private final Context cx = waker.context();
  private final Oneshot.Pair<String> pair = Oneshot.channel();
  private final Oneshot.Sender<String> sender = pair.sender();
  private final Oneshot.Receiver<String> receiver = pair.receiver();

  @Test
  void aValueSentBeforeThePollIsReadyAtOnce() {
    assertThat(sender.send("v")).isTrue();
    assertThat(receiver.poll(cx).value()).isEqualTo("v");
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void aValueSentAfterThePollWakesTheReceiver() {
    assertThat(receiver.poll(cx).isPending()).isTrue();
    assertThat(sender.send("v")).isTrue();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(receiver.poll(cx).value()).isEqualTo("v");
  }

  @Test
  void onlyTheLatestWakerIsWoken() {
    CountingWaker other = new CountingWaker();
    receiver.poll(cx);
    receiver.poll(cx);
    receiver.poll(other.context());
    sender.send("v");
    assertThat(waker.wakes()).isZero();
    assertThat(other.wakes()).isEqualTo(1);
  }

  @Test
  void closingTheSenderFailsTheReceiver() {
    receiver.poll(cx);
    sender.close();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThatThrownBy(() -> receiver.poll(cx))
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("sender closed");
    assertThatThrownBy(receiver::tryReceive).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void closingAfterSendingChangesNothing() {
    sender.send("v");
    sender.close();
    assertThat(receiver.tryReceive()).isEqualTo("v");
  }

  @Test
  void tryReceiveTakesTheValueOnce() {
    assertThat(receiver.tryReceive()).isNull();
    sender.send("v");
    assertThat(receiver.tryReceive()).isEqualTo("v");
    assertThatThrownBy(receiver::tryReceive)
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("already received");
  }

  @Test
  void closingTheReceiverTellsTheSender() {
    assertThat(sender.isClosed()).isFalse();
    receiver.close();
    assertThat(sender.isClosed()).isTrue();
    assertThat(sender.send("lost")).isFalse();
    assertThatThrownBy(() -> receiver.poll(cx)).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void aValueSentBeforeTheReceiverClosedCanStillBeTaken() {
    sender.send("v");
    receiver.close();
    assertThat(receiver.poll(cx).value()).isEqualTo("v");
  }

  @Test
  void droppingTheReceiverTellsTheSender() {
    receiver.poll(cx);
    receiver.drop();
    assertThat(sender.isClosed()).isTrue();
    assertThat(sender.send("lost")).isFalse();
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void droppingTheReceiverDiscardsASentValue() {
    sender.send("v");
    receiver.drop();
    assertThat(sender.isClosed()).isTrue();
    assertThatThrownBy(receiver::tryReceive).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void closingTheSenderFromAnotherThreadFailsAParkedReceiver() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          for (int round = 0; round < 1_000; round++) {
            Oneshot.Pair<Integer> channel = Oneshot.channel();
            Thread thread = Thread.ofPlatform().start(channel.sender()::close);
            assertThatThrownBy(
                    () -> ParkingDriver.blockOn(channel.receiver(), Duration.ofSeconds(5)))
                .isInstanceOf(ChannelClosedException.class);
            thread.join();
          }
        });
  }

  @Test
  void sendingTwiceIsAMisuse() {
    sender.send("first");
    assertThatThrownBy(() -> sender.send("second")).isInstanceOf(IllegalStateException.class);
    assertThat(receiver.tryReceive()).isEqualTo("first");
  }

  @Test
  void nullValuesAreRejected() {
    assertThatThrownBy(() -> sender.send(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void sendFromAnotherThreadReachesAParkedReceiver() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          for (int round = 0; round < 2_000; round++) {
            Oneshot.Pair<Integer> channel = Oneshot.channel();
            int value = round;
            Thread thread = Thread.ofPlatform().start(() -> channel.sender().send(value));
            assertThat(ParkingDriver.blockOn(channel.receiver(), Duration.ofSeconds(5)))
                .isEqualTo(value);
            thread.join();
          }
        });
  }

  @Test
  void aCloseRacingWithASendEitherDeliversOrReportsFalse() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          for (int round = 0; round < 2_000; round++) {
            Oneshot.Pair<Integer> channel = Oneshot.channel();
            boolean[] sent = new boolean[1];
            Thread thread = Thread.ofPlatform().start(() -> sent[0] = channel.sender().send(1));
            channel.receiver().close();
            thread.join();
            if (sent[0]) {
              assertThat(channel.receiver().tryReceive()).isEqualTo(1);
            } else {
              assertThatThrownBy(channel.receiver()::tryReceive)
                  .isInstanceOf(ChannelClosedException.class);
            }
          }
        });
  }
}
