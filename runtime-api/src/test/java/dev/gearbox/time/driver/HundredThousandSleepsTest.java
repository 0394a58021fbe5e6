package dev.gearbox.time.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.time.CountingWaker;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Sleep;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hundred thousand sleeps over an hour: every one registered by its first poll, every dropped one
 * leaves the wheel, every other one fires exactly once and completes.
 */
class HundredThousandSleepsTest {
  private static final int SLEEPS = 100_000;

  private final PausedClock clock = new PausedClock();
  private final TimerWheel wheel = new TimerWheel(clock);

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void droppedSleepsLeaveTheWheelAndTheOthersFireOnce() {
    Random random = new Random(100_003);
    CountingWaker waker = new CountingWaker();
    TimerContext cx = new TimerContext(waker, wheel);
    Sleep[] sleeps = new Sleep[SLEEPS];
    for (int i = 0; i < SLEEPS; i++) {
      sleeps[i] = Time.sleep(Duration.ofMillis(1 + random.nextInt(3_600_000)));
      assertThat(sleeps[i].poll(cx).isPending()).isTrue();
    }
    assertThat(wheel.size()).isEqualTo(SLEEPS);

    int kept = 0;
    for (int i = 0; i < SLEEPS; i++) {
      if (i % 2 == 0) {
        sleeps[i].drop();
      } else {
        kept++;
      }
    }
    assertThat(wheel.size()).isEqualTo(kept);
    wheel.verify();

    clock.advance(Duration.ofHours(1));
    assertThat(wheel.advance()).isEqualTo(kept);
    assertThat(waker.wakes()).isEqualTo(kept);
    for (int i = 1; i < SLEEPS; i += 2) {
      assertThat(sleeps[i].poll(cx).isReady()).isTrue();
    }
    assertThat(wheel.size()).isZero();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void allDroppedLeaveTheWheelEmpty() {
    Random random = new Random(7);
    TimerContext cx = new TimerContext(new CountingWaker(), wheel);
    Sleep[] sleeps = new Sleep[SLEEPS];
    for (int i = 0; i < SLEEPS; i++) {
      sleeps[i] = Time.sleep(Duration.ofNanos(1 + random.nextLong(Duration.ofDays(30).toNanos())));
      sleeps[i].poll(cx);
    }
    for (Sleep sleep : sleeps) {
      sleep.drop();
    }
    assertThat(wheel.size()).isZero();
    assertThat(wheel.nextDeadline()).isEqualTo(TimerDriver.NO_DEADLINE);
    wheel.verify();
  }
}
