package dev.gearbox.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.CountingWaker;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ThrottleIntervalTest {
  private final CountingWaker waker = new CountingWaker();
  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);
  private final Context cx =
      new Context() {
        @Override
        public Waker waker() {
          return waker;
        }

        @Override
        public Driver driver() {
          return wheel;
        }
      };

  private void advance(long millis) {
    clock.advance(Duration.ofMillis(millis));
    wheel.advance();
  }

  @Test
  void throttleLetsTheFirstItemThroughThenSpacesThemByThePeriod() throws Exception {
    Stream<Integer> throttled = Streams.of(1, 2, 3).throttle(Duration.ofMillis(100));
    assertThat(throttled.pollNext(cx).value()).isEqualTo(1);
    assertThat(throttled.pollNext(cx).isPending()).isTrue();
    advance(60);
    assertThat(throttled.pollNext(cx).isPending()).isTrue();
    advance(40);
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(throttled.pollNext(cx).value()).isEqualTo(2);
    advance(250);
    assertThat(throttled.pollNext(cx).value()).as("time between polls counts").isEqualTo(3);
    assertThat(throttled.pollNext(cx).isPending()).isTrue();
    advance(100);
    assertThat(Stream.isEnd(throttled.pollNext(cx))).isTrue();
    assertThat(wheel.size()).isZero();
  }

  @Test
  void droppingAThrottleReleasesItsTimer() throws Exception {
    Stream<Integer> throttled = Streams.of(1, 2).throttle(Duration.ofSeconds(1));
    throttled.pollNext(cx);
    throttled.pollNext(cx);
    assertThat(wheel.size()).isEqualTo(1);
    throttled.drop();
    assertThat(wheel.size()).isZero();
  }

  @Test
  void anIntervalIsAStreamOfTickDeadlines() throws Exception {
    Stream<Long> ticks = Streams.interval(Duration.ofMillis(10));
    assertThat(ticks.pollNext(cx).value()).isZero();
    assertThat(ticks.pollNext(cx)).isEqualTo(Poll.pending());
    advance(10);
    assertThat(ticks.pollNext(cx).value()).isEqualTo(Duration.ofMillis(10).toNanos());
    ticks.drop();
    assertThat(wheel.size()).isZero();
  }
}
