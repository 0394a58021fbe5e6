package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timer API from a future's side, through {@link SleepSketch}. */
class SleepSketchTest {
  private final PausedClock clock = new PausedClock();
  private final TimerWheel wheel = new TimerWheel(clock);

  @Test
  void registersOnFirstPollAndCompletesAfterTheDeadline() throws Exception {
    CountingWaker waker = new CountingWaker();
    SleepSketch sleep = new SleepSketch(wheel, Duration.ofMillis(20));
    assertThat(sleep.poll(Context.of(waker)).isPending()).isTrue();
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(sleep.poll(Context.of(waker)).isPending()).isTrue();
    assertThat(wheel.size()).as("a second poll does not register again").isEqualTo(1);

    clock.advance(Duration.ofMillis(19));
    wheel.advance();
    assertThat(waker.wakes()).isZero();
    clock.advance(Duration.ofMillis(1));
    wheel.advance();
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(sleep.poll(Context.of(waker)).isReady()).isTrue();
  }

  @Test
  void aZeroSleepIsReadyOnFirstPollWithoutAWake() throws Exception {
    CountingWaker waker = new CountingWaker();
    SleepSketch sleep = new SleepSketch(wheel, Duration.ZERO);
    assertThat(sleep.poll(Context.of(waker)).isReady()).isTrue();
    assertThat(wheel.size()).isZero();
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void theLatestWakerIsTheOneWoken() throws Exception {
    CountingWaker first = new CountingWaker();
    CountingWaker second = new CountingWaker();
    SleepSketch sleep = new SleepSketch(wheel, Duration.ofSeconds(2));
    sleep.poll(Context.of(first));
    sleep.poll(Context.of(second));
    assertThat(sleep.entry().waker()).isSameAs(second);

    clock.advance(Duration.ofSeconds(2));
    wheel.advance();
    assertThat(first.wakes()).isZero();
    assertThat(second.wakes()).isEqualTo(1);
    assertThat(sleep.poll(Context.of(second)).isReady()).isTrue();
  }

  @Test
  void droppingCancelsTheEntry() throws Exception {
    CountingWaker waker = new CountingWaker();
    SleepSketch sleep = new SleepSketch(wheel, Duration.ofMinutes(5));
    sleep.poll(Context.of(waker));
    sleep.drop();
    assertThat(wheel.size()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(wheel.advance()).isZero();
    assertThat(waker.wakes()).isZero();
  }
}
