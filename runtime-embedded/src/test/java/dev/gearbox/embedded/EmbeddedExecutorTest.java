package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Poll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor: batches, wakes from other threads, timers on a manual driver, priorities. */
class EmbeddedExecutorTest {

  @Test
  void everyReadyTaskRunsOnceBeforeAnyRunsTwice() {
    EmbeddedExecutor executor = new EmbeddedExecutor("fairness", new ManualTimeDriver());
    TaskPool<LambdaBody> pool = LambdaBody.pool("yielders", 3);
    List<String> order = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      int[] polls = {0};
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            order.add(name);
            if (++polls[0] == 3) {
              return true;
            }
            cx.waker().wake(); // woken during its own poll: runs in the next batch
            return false;
          });
    }
    assertThat(executor.runUntilIdle()).isEqualTo(9);
    assertThat(order).containsExactly("a", "b", "c", "a", "b", "c", "a", "b", "c");
    assertThat(pool.busy()).isZero();
  }

  @Test
  void aTaskWokenByAnotherDuringABatchRunsInTheNextBatch() {
    EmbeddedExecutor executor = new EmbeddedExecutor("next-batch", new ManualTimeDriver());
    TaskPool<LambdaBody> pool = LambdaBody.pool("pair", 2);
    List<String> order = new ArrayList<>();
    Signal<String> signal = new Signal<>();
    LambdaBody.spawn(
        executor.spawner(),
        pool,
        cx -> {
          String value = signal.pollWait(cx);
          order.add("waiter:" + value);
          return value != null;
        });
    LambdaBody.spawn(
        executor.spawner(),
        pool,
        cx -> {
          order.add("signaller");
          signal.signal("go");
          return true;
        });
    executor.runUntilIdle();
    assertThat(order).containsExactly("waiter:null", "signaller", "waiter:go");
  }

  @Test
  void timersOnAManualDriverFireExactlyWhenTimeIsAdvanced() {
    ManualTimeDriver time = new ManualTimeDriver();
    EmbeddedExecutor executor = new EmbeddedExecutor("manual", time);
    TaskPool<LambdaBody> pool = LambdaBody.pool("sleepers", 3);
    List<String> fired = new ArrayList<>();
    for (long delay : new long[] {300, 100, 200}) {
      TickTimer timer = TickTimer.after(TickDuration.ofTicks(delay));
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            if (timer.poll(cx) instanceof Poll.Pending) {
              return false;
            }
            fired.add(delay + "@" + time.now());
            return true;
          });
    }
    executor.runUntilIdle();
    assertThat(fired).isEmpty();
    assertThat(executor.pendingTimers()).isEqualTo(3);
    time.advance(99);
    assertThat(executor.runUntilIdle()).isZero();
    time.advance(1);
    executor.runUntilIdle();
    assertThat(fired).containsExactly("100@100");
    time.advance(250);
    executor.runUntilIdle();
    assertThat(fired).containsExactly("100@100", "200@350", "300@350");
    assertThat(executor.pendingTimers()).isZero();
  }

  @Test
  void aTickerBurstsToCatchUpAndKeepsItsRate() {
    ManualTimeDriver time = new ManualTimeDriver();
    EmbeddedExecutor executor = new EmbeddedExecutor("ticker", time);
    Ticker ticker = Ticker.every(TickDuration.ofTicks(10));
    List<Long> ticks = new ArrayList<>();
    LambdaBody.spawn(
        executor.spawner(),
        LambdaBody.pool("ticking", 1),
        cx -> {
          while (ticker.next().poll(cx) instanceof Poll.Ready) {
            ticks.add(time.now());
          }
          return ticks.size() >= 5;
        });
    executor.runUntilIdle();
    time.advance(10);
    executor.runUntilIdle();
    assertThat(ticks).containsExactly(10L);
    time.advance(25); // at 35: the ticks of 20 and 30 are both due
    executor.runUntilIdle();
    assertThat(ticks).containsExactly(10L, 35L, 35L);
    time.advance(5); // 40
    executor.runUntilIdle();
    assertThat(ticks).containsExactly(10L, 35L, 35L, 40L);
  }

  @Test
  @Timeout(60)
  void wakesFromAnotherThreadReachAnIdleExecutor() throws Exception {
    ManualTimeDriver time = new ManualTimeDriver();
    EmbeddedExecutor executor = new EmbeddedExecutor("remote-wakes", time);
    Signal<Integer> signal = new Signal<>();
    AtomicInteger received = new AtomicInteger();
    TickTimer timer = TickTimer.after(TickDuration.ofTicks(1_000));
    CountDownLatch timerFired = new CountDownLatch(1);
    CountDownLatch timerArmed = new CountDownLatch(1);
    TaskPool<LambdaBody> pool = LambdaBody.pool("remote", 2);
    LambdaBody.spawn(
        executor.spawner(),
        pool,
        cx -> {
          while (signal.pollWait(cx) != null) {
            received.incrementAndGet();
          }
          return false;
        });
    executor.start(Thread.NORM_PRIORITY);
    for (int i = 1; i <= 1_000; i++) {
      signal.signal(i);
      Await.until(() -> !signal.isSignaled(), "signal taken");
    }
    assertThat(received.get()).isEqualTo(1_000);
    // a spawn from this thread, and a timer fired by advancing the manual driver from this thread
    executor
        .spawner()
        .spawn(
            pool,
            LambdaBody::start,
            cx -> {
              if (timer.poll(cx) instanceof Poll.Pending) {
                timerArmed.countDown();
                return false;
              }
              timerFired.countDown();
              return true;
            });
    assertThat(timerArmed.await(30, TimeUnit.SECONDS)).isTrue();
    time.advance(1_000);
    assertThat(timerFired.await(30, TimeUnit.SECONDS)).isTrue();
    executor.close();
  }

  @Test
  @Timeout(60)
  void executorsAtDifferentPrioritiesRunOnTheirOwnThreads() throws Exception {
    EmbeddedExecutor high = new EmbeddedExecutor("high-priority", new ManualTimeDriver());
    EmbeddedExecutor low = new EmbeddedExecutor("low-priority", new ManualTimeDriver());
    Signal<String> interrupt = new Signal<>();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch handled = new CountDownLatch(1);
    LambdaBody.spawn(
        high.spawner(),
        LambdaBody.pool("handler", 1),
        cx -> {
          String event = interrupt.pollWait(cx);
          if (event == null) {
            return false;
          }
          Thread thread = Thread.currentThread();
          seen.add(event + " handled on " + thread.getName() + " at " + thread.getPriority());
          handled.countDown();
          return true;
        });
    LambdaBody.spawn(
        low.spawner(),
        LambdaBody.pool("background", 1),
        cx -> {
          Thread thread = Thread.currentThread();
          seen.add("raised on " + thread.getName() + " at " + thread.getPriority());
          interrupt.signal("event");
          return true;
        });
    Thread highThread = high.start(Thread.MAX_PRIORITY);
    Thread lowThread = low.start(Thread.MIN_PRIORITY);
    assertThat(handled.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "raised on low-priority at 1", "event handled on high-priority at 10");
    assertThat(highThread).isNotSameAs(lowThread);
    high.close();
    low.close();
    assertThatThrownBy(() -> high.start(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority 11");
  }

  @Test
  void aTimerOutsideAnEmbeddedTaskFailsClearly() {
    TickTimer timer = TickTimer.after(TickDuration.ofTicks(5));
    assertThatThrownBy(() -> timer.poll(dev.gearbox.future.Context.of(() -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be polled by a task of an embedded EmbeddedExecutor");
  }

  @Test
  void aThrowingTaskEndsAndTheExecutorCarriesOn() {
    EmbeddedExecutor executor = new EmbeddedExecutor("throwing", new ManualTimeDriver());
    TaskPool<LambdaBody> pool = LambdaBody.pool("throwers", 2);
    AtomicLong after = new AtomicLong();
    Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
    List<Throwable> reported = new ArrayList<>();
    Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> reported.add(failure));
    try {
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            throw new IllegalStateException("boom");
          });
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            after.incrementAndGet();
            return true;
          });
      executor.runUntilIdle();
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(previous);
    }
    assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
    assertThat(after.get()).isEqualTo(1);
    assertThat(pool.busy()).isZero();
  }
}
