package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Sleep#reset}: before the first poll, while waiting, and after completing. */
class SleepResetTest {
  private static final long MS = 1_000_000L;

  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);
  private final CountingWaker waker = new CountingWaker();

  @Test
  void anEarlierDeadlineWhileWaitingFiresEarlier() {
    Sleep sleep = Time.sleep(Duration.ofMillis(100));
    assertThat(poll(sleep).isPending()).isTrue();
    sleep.reset(30 * MS);
    assertThat(sleep.deadlineNanos()).isEqualTo(30 * MS);
    assertThat(wheel.size()).isEqualTo(1);

    advance(Duration.ofMillis(29));
    assertThat(poll(sleep).isPending()).isTrue();
    advance(Duration.ofMillis(1));
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(poll(sleep).isReady()).isTrue();
  }

  @Test
  void aLaterDeadlineWhileWaitingDoesNotFireAtTheOldOne() {
    Sleep sleep = Time.sleep(Duration.ofMillis(10));
    poll(sleep);
    sleep.reset(50 * MS);
    advance(Duration.ofMillis(10));
    assertThat(waker.wakes()).isZero();
    assertThat(poll(sleep).isPending()).isTrue();
    advance(Duration.ofMillis(40));
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(poll(sleep).isReady()).isTrue();
  }

  @Test
  void aDeadlineAlreadyDueCancelsTheTimerAndCompletesTheNextPoll() {
    advance(Duration.ofSeconds(1));
    Sleep sleep = Time.sleep(Duration.ofMillis(10));
    poll(sleep);
    sleep.reset(500 * MS);
    assertThat(wheel.size()).isZero();
    assertThat(poll(sleep).isReady()).isTrue();
    assertThat(waker.wakes()).as("reset does not wake").isZero();
  }

  @Test
  void resettingACompletedSleepMakesItPendingAgain() {
    Sleep sleep = Time.sleep(Duration.ofMillis(10));
    poll(sleep);
    advance(Duration.ofMillis(10));
    assertThat(poll(sleep).isReady()).isTrue();

    sleep.reset(clock.nanoTime() + 50 * MS);
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(poll(sleep).isPending()).isTrue();
    advance(Duration.ofMillis(49));
    assertThat(poll(sleep).isPending()).isTrue();
    advance(Duration.ofMillis(1));
    assertThat(waker.wakes()).isEqualTo(2);
    assertThat(poll(sleep).isReady()).isTrue();
  }

  @Test
  void beforeTheFirstPollOnlyTheDeadlineChanges() {
    Sleep sleep = Time.sleep(Duration.ofHours(1));
    sleep.reset(10 * MS);
    assertThat(wheel.size()).isZero();
    assertThat(sleep.deadlineNanos()).isEqualTo(10 * MS);

    assertThat(poll(sleep).isPending()).isTrue();
    advance(Duration.ofMillis(10));
    assertThat(poll(sleep).isReady()).isTrue();
  }

  private Poll<Void> poll(Sleep sleep) {
    return sleep.poll(new TimerContext(waker, wheel));
  }

  private void advance(Duration by) {
    clock.advance(by);
    wheel.advance();
  }
}
