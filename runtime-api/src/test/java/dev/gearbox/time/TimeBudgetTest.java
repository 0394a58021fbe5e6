package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The time futures spend one unit of the cooperative budget when they complete, and with the budget
 * spent they wake their task and return Pending instead; waiting costs no budget.
 */
class TimeBudgetTest {
  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);

  @Test
  void aDueSleepSpendsOneUnitAndYieldsWhenTheBudgetIsSpent() {
    BudgetContext spent = new BudgetContext(wheel, 0);
    Sleep sleep = Time.sleep(Duration.ZERO);
    assertThat(sleep.poll(spent).isPending()).isTrue();
    assertThat(spent.waker.wakes()).as("the task is woken to run again").isEqualTo(1);
    spent.budget = 3;
    assertThat(sleep.poll(spent).isReady()).isTrue();
    assertThat(spent.budget).isEqualTo(2);
  }

  @Test
  void anElapsedSleepYieldsWhenTheBudgetIsSpentAndAWaitingOneSpendsNothing() {
    BudgetContext cx = new BudgetContext(wheel, 5);
    Sleep sleep = Time.sleep(Duration.ofMillis(10));
    assertThat(sleep.poll(cx).isPending()).isTrue();
    assertThat(cx.budget).as("registering costs no budget").isEqualTo(5);
    clock.advance(Duration.ofMillis(10));
    wheel.advance();
    cx.budget = 0;
    int wakes = cx.waker.wakes();
    assertThat(sleep.poll(cx).isPending()).isTrue();
    assertThat(cx.waker.wakes()).isEqualTo(wakes + 1);
    cx.budget = 1;
    assertThat(sleep.poll(cx).isReady()).isTrue();
    assertThat(cx.budget).isZero();
  }

  @Test
  void aDueTickSpendsOneUnitAndYieldsWhenTheBudgetIsSpent() {
    Interval interval = Time.interval(Duration.ofMillis(10), MissedTickBehavior.BURST);
    BudgetContext cx = new BudgetContext(wheel, 1);
    assertThat(interval.pollTick(cx).isReady()).as("the first tick").isTrue();
    clock.advance(Duration.ofMillis(30)); // three ticks missed: each is due at once
    assertThat(interval.pollTick(cx).isPending()).isTrue();
    assertThat(cx.waker.wakes()).isEqualTo(1);
    cx.budget = 2;
    assertThat(interval.pollTick(cx).isReady()).isTrue();
    assertThat(interval.pollTick(cx).isReady()).isTrue();
    assertThat(interval.pollTick(cx).isPending())
        .as("the third missed tick, budget spent")
        .isTrue();
  }

  @Test
  void aTimeoutFiresEvenWhenItsFutureSpentTheBudget() throws Exception {
    BudgetContext cx = new BudgetContext(wheel, 10);
    Future<Object> timeout = Time.timeout(Futures.pending(), Duration.ofMillis(5));
    assertThat(timeout.poll(cx).isPending()).isTrue();
    clock.advance(Duration.ofMillis(5));
    wheel.advance();
    cx.budget = 0;
    assertThatThrownBy(() -> timeout.poll(cx)).isInstanceOf(TimedOutException.class);
  }
}
