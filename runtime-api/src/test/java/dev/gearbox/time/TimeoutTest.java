package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.time.driver.TimerDriver;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Time#timeout}: the inner future's outcome in time, the failure when late, the drops. */
class TimeoutTest {
  private static final Duration LIMIT = Duration.ofMillis(500);

  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);
  private final CountingWaker waker = new CountingWaker();
  private final ManualFuture<String> inner = new ManualFuture<>();

  @Test
  void passesTheValueThroughWhenInTimeAndCancelsTheTimer() throws Exception {
    Future<String> timeout = Time.timeout(inner, LIMIT);
    assertThat(poll(timeout).isPending()).isTrue();
    assertThat(wheel.size()).isEqualTo(1);

    advance(LIMIT.minusNanos(1));
    assertThat(poll(timeout).isPending()).isTrue();
    inner.complete("value");
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(poll(timeout).value()).isEqualTo("value");
    assertThat(wheel.size()).isZero();
    assertThat(inner.drops()).isZero();
  }

  @Test
  void failsNamingTheDurationAndDropsTheInnerFutureWhenLate() throws Exception {
    Future<String> timeout = Time.timeout(inner, LIMIT);
    poll(timeout);
    advance(LIMIT);
    assertThat(waker.wakes()).as("woken by the timer").isEqualTo(1);

    assertThatThrownBy(() -> poll(timeout))
        .isInstanceOfSatisfying(
            TimedOutException.class, late -> assertThat(late.duration()).isEqualTo(LIMIT))
        .hasMessage("timed out after PT0.5S");
    assertThat(inner.drops()).isEqualTo(1);
    assertThat(inner.polls()).isEqualTo(2);
    assertThat(wheel.size()).isZero();
  }

  @Test
  void theInnerFutureIsPolledFirstSoAReadyOneWinsAtTheDeadline() throws Exception {
    Future<String> timeout = Time.timeout(inner, LIMIT);
    poll(timeout);
    advance(LIMIT);
    inner.complete("just in time");
    assertThat(poll(timeout).value()).isEqualTo("just in time");

    Future<String> ready = cx -> Poll.ready("at once");
    assertThat(poll(Time.timeout(ready, Duration.ZERO)).value()).isEqualTo("at once");
  }

  @Test
  void aZeroLimitTimesOutOnTheFirstPollOfAPendingFuture() {
    assertThatThrownBy(() -> poll(Time.timeout(inner, Duration.ZERO)))
        .isInstanceOf(TimedOutException.class)
        .hasMessage("timed out after PT0S");
    assertThat(inner.drops()).isEqualTo(1);
    assertThat(wheel.size()).isZero();
  }

  @Test
  void aFailureOfTheInnerFuturePassesThroughAndCancelsTheTimer() throws Exception {
    Future<String> timeout = Time.timeout(inner, LIMIT);
    poll(timeout);
    IOException failure = new IOException("connection reset");
    inner.fail(failure);
    assertThatThrownBy(() -> poll(timeout)).isSameAs(failure);
    assertThat(wheel.size()).isZero();
    assertThat(inner.drops()).as("a future that threw is given up on: dropped once").isEqualTo(1);
    timeout.drop();
    assertThat(inner.drops()).as("not dropped twice").isEqualTo(1);
  }

  @Test
  void droppingTheTimeoutDropsTheInnerFutureAndCancelsTheTimer() throws Exception {
    Future<String> timeout = Time.timeout(inner, LIMIT);
    poll(timeout);
    timeout.drop();
    assertThat(inner.drops()).isEqualTo(1);
    assertThat(wheel.size()).isZero();
    advance(LIMIT);
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> Time.timeout(null, LIMIT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("future");
    assertThatThrownBy(() -> Time.timeout(inner, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("duration");
  }

  private Poll<String> poll(Future<String> future) throws Exception {
    return future.poll(new TimerContext(waker, wheel));
  }

  private void advance(Duration by) {
    clock.advance(by);
    wheel.advance();
  }
}
