package dev.gearbox.time.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.time.PausedClock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A million pending timers over an hour: half cancelled, the rest fire exactly once, in the advance
 * whose window holds their deadline, in non-decreasing order of their millisecond.
 */
class TimerWheelMillionTest {
  private static final int TIMERS = 1_000_000;
  private static final long MS = 1_000_000L;
  private static final int HOUR_MS = 3_600_000;

  private final long[] deadlineMs = new long[TIMERS];
  private final int[] fires = new int[TIMERS];
  private long windowStartMs;
  private long windowEndMs;
  private long lastFiredMs;
  private int outOfWindow;
  private int outOfOrder;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMillionTimersHalfCancelledFireExactlyOnceInOrder() {
    Random random = new Random(1_000_003);
    TimerWheel wheel = new TimerWheel(new PausedClock());
    WheelEntry[] entries = new WheelEntry[TIMERS];
    for (int i = 0; i < TIMERS; i++) {
      int index = i;
      deadlineMs[i] = 1 + random.nextInt(HOUR_MS);
      long jitter = random.nextLong(MS);
      entries[i] = new WheelEntry();
      entries[i].setWaker(() -> fired(index));
      assertThat(wheel.register(entries[i], deadlineMs[i] * MS - jitter)).isTrue();
    }
    boolean[] cancelled = new boolean[TIMERS];
    int cancelCount = 0;
    for (int i = 0; i < TIMERS; i += 1 + random.nextInt(2)) {
      assertThat(wheel.cancel(entries[i])).isTrue();
      cancelled[i] = true;
      cancelCount++;
    }
    assertThat(wheel.size()).isEqualTo(TIMERS - cancelCount);
    wheel.verify();

    long firedTotal = 0;
    long nowMs = 0;
    while (nowMs <= HOUR_MS) {
      windowStartMs = nowMs;
      nowMs += 1 + random.nextInt(2_000);
      windowEndMs = nowMs;
      firedTotal += wheel.advanceTo(nowMs * MS + random.nextLong(MS));
    }

    assertThat(outOfWindow).as("fired outside the advance that reached their deadline").isZero();
    assertThat(outOfOrder).as("fired before an earlier deadline").isZero();
    assertThat(firedTotal).isEqualTo(TIMERS - cancelCount);
    assertThat(wheel.size()).isZero();
    for (int i = 0; i < TIMERS; i++) {
      if (fires[i] != (cancelled[i] ? 0 : 1)) {
        throw new AssertionError(
            "timer " + i + " (cancelled: " + cancelled[i] + ") fired " + fires[i] + " times");
      }
    }
  }

  /** Runs on the advancing thread, inside advanceTo. */
  private void fired(int index) {
    fires[index]++;
    long ms = deadlineMs[index];
    if (ms <= windowStartMs || ms > windowEndMs) {
      outOfWindow++;
    }
    if (ms < lastFiredMs) {
      outOfOrder++;
    }
    lastFiredMs = ms;
  }
}
