package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendTimeoutTest {
  private final TimerTestContext cx = new TimerTestContext();

  @Test
  void aSendWithRoomCompletesAtOnceWithoutATimer() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    assertThat(pair.sender().sendTimeout("a", Duration.ZERO).poll(cx).value()).isTrue();
    assertThat(cx.wheel.size()).isZero();
    assertThat(pair.receiver().tryReceive()).isEqualTo("a");
  }

  @Test
  void aSendThatGetsRoomInTimeIsDelivered() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("first");
    Future<Boolean> send = pair.sender().sendTimeout("second", Duration.ofSeconds(1));
    assertThat(send.poll(cx).isPending()).isTrue();
    cx.advance(Duration.ofMillis(500));
    assertThat(pair.receiver().tryReceive()).isEqualTo("first");
    assertThat(send.poll(cx).value()).isTrue();
    assertThat(cx.wheel.size()).as("the timer entry is released").isZero();
    assertThat(pair.receiver().tryReceive()).isEqualTo("second");
  }

  @Test
  void aTimedOutSendDeliversNothingAndFreesItsPlace() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("first");
    Future<Boolean> send = pair.sender().sendTimeout("late", Duration.ofMillis(100));
    assertThat(send.poll(cx).isPending()).isTrue();
    cx.advance(Duration.ofMillis(101));
    assertThat(cx.waker.wakes()).isEqualTo(1);
    assertThat(send.poll(cx).value()).isFalse();
    assertThat(pair.receiver().tryReceive()).isEqualTo("first");
    assertThat(pair.receiver().tryReceive()).as("the timed-out message never arrives").isNull();
    assertThat(pair.sender().trySend("room")).isTrue();
  }

  @Test
  void aClosedChannelFailsTheSendAndReleasesTheTimer() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("first");
    Future<Boolean> send = pair.sender().sendTimeout("x", Duration.ofSeconds(1));
    send.poll(cx);
    pair.receiver().close();
    assertThatThrownBy(() -> send.poll(cx)).isInstanceOf(ChannelClosedException.class);
    assertThat(cx.wheel.size()).isZero();
  }

  @Test
  void droppingItDropsTheSendAndTheTimer() throws Exception {
    Channel.Pair<String> pair = Channel.bounded(1);
    pair.sender().trySend("first");
    Future<Boolean> send = pair.sender().sendTimeout("x", Duration.ofSeconds(1));
    send.poll(cx);
    send.drop();
    assertThat(cx.wheel.size()).isZero();
    pair.receiver().tryReceive();
    assertThat(pair.receiver().tryReceive()).isNull();
    assertThatThrownBy(() -> pair.sender().sendTimeout("x", null)).hasMessage("timeout");
  }
}
