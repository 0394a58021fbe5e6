package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which way a task that woke itself during its poll is queued: deferYield or yieldNow. */
class RawTaskDeferWakeTest {
  private final QueueScheduler scheduler = new QueueScheduler();

  @Test
  void aYieldGoesThroughDeferYield() {
    RawTask<Void> task = scheduler.spawn(Futures.yieldNow());
    assertThat(scheduler.runAll()).isEqualTo(2);
    assertThat(task.isFinished()).isTrue();
    assertThat(scheduler.deferredYields).hasValue(1);
    assertThat(scheduler.yields).hasValue(0);
  }

  @Test
  void aPlainWakeInTheSamePollWins() {
    AtomicInteger polls = new AtomicInteger();
    Future<Integer> both =
        cx -> {
          if (polls.incrementAndGet() == 1) {
            cx.deferWake();
            cx.waker().wake();
            return Poll.pending();
          }
          return Poll.ready(polls.get());
        };
    RawTask<Integer> task = scheduler.spawn(both);
    scheduler.runAll();
    assertThat(task.isFinished()).isTrue();
    assertThat(scheduler.yields).hasValue(1);
    assertThat(scheduler.deferredYields).hasValue(0);
  }

  @Test
  void aWakeFromElsewhereDuringThePollWins() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    RawTask<?>[] self = new RawTask<?>[1];
    Future<Integer> wokenFromAnotherThread =
        cx -> {
          if (polls.incrementAndGet() == 1) {
            cx.deferWake();
            Thread other = Thread.ofPlatform().start(() -> self[0].wake());
            other.join();
            return Poll.pending();
          }
          return Poll.ready(polls.get());
        };
    RawTask<Integer> task = scheduler.spawn(wokenFromAnotherThread);
    self[0] = task;
    scheduler.runAll();
    assertThat(task.isFinished()).isTrue();
    assertThat(scheduler.yields).hasValue(1);
    assertThat(scheduler.deferredYields).hasValue(0);
  }

  @Test
  void outsideItsPollADeferredWakeIsAWake() {
    AtomicInteger polls = new AtomicInteger();
    RawTask<Integer> task =
        scheduler.spawn(cx -> polls.incrementAndGet() == 2 ? Poll.ready(2) : Poll.pending());
    scheduler.runAll();
    ((Context) task).deferWake(); // from this thread, which is not polling it
    assertThat(scheduler.schedules).hasValue(1);
    scheduler.runAll();
    assertThat(task.isFinished()).isTrue();
  }

  @Test
  void aContextWithoutARuntimeWakesAtOnce() {
    AtomicInteger wakes = new AtomicInteger();
    Waker counting = wakes::incrementAndGet;
    Context.of(counting).deferWake();
    assertThat(wakes).hasValue(1);
  }
}
