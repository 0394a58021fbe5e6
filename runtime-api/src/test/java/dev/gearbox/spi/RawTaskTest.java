package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RawTaskTest {
  private final QueueScheduler scheduler = new QueueScheduler();

  /** A future that stays pending until {@code ready} is set, counting polls and drops. */
  static final class Gate implements Future<String> {
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicReference<Waker> waker = new AtomicReference<>();
    volatile String ready;

    @Override
    public Poll<String> poll(Context cx) {
      polls.incrementAndGet();
      waker.set(cx.waker());
      return ready != null ? Poll.ready(ready) : Poll.pending();
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }

    void open(String value) {
      ready = value;
      waker.get().wake();
    }
  }

  @Test
  void newTaskIsScheduledAndCompletesWithItsOutput() {
    RawTask<String> task = scheduler.spawn(cx -> Poll.ready("done"));
    assertThat(task.state() & RawTask.SCHEDULED).isNotZero();
    assertThat(scheduler.runAll()).isEqualTo(1);
    assertThat(task.isFinished()).isTrue();
    assertThat(task.poll(Context.of(Waker.noop())).value()).isEqualTo("done");
    assertThat(scheduler.releases).hasValue(1);
    assertThat(scheduler.owned.alive()).isZero();
  }

  @Test
  void wakeOfAnIdleTaskSchedulesItOnce() {
    Gate gate = new Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    task.wake();
    task.wake();
    task.wake();
    assertThat(scheduler.schedules).hasValue(1);
    assertThat(scheduler.runAll()).isEqualTo(1);
    assertThat(gate.polls).hasValue(2);
  }

  @Test
  void wakeDuringPollRunsTheTaskOnceMoreAfterThePoll() {
    AtomicInteger polls = new AtomicInteger();
    RawTask<Integer> task =
        scheduler.spawn(
            cx -> {
              if (polls.incrementAndGet() < 3) {
                cx.waker().wake();
                cx.waker().wake();
                return Poll.pending();
              }
              return Poll.ready(polls.get());
            });
    scheduler.runAll();
    assertThat(task.join()).isEqualTo(3);
    assertThat(scheduler.yields).hasValue(2);
    assertThat(scheduler.schedules).hasValue(0);
  }

  @Test
  void aPollThatThrowsFailsTheJoinWithTheCause() {
    RawTask<String> task =
        scheduler.spawn(
            cx -> {
              throw new IOException("boom");
            });
    scheduler.runAll();
    assertThat(task.isFailed()).isTrue();
    assertThat(task.isCancelled()).isFalse();
    assertThatThrownBy(task::join)
        .isInstanceOf(JoinException.class)
        .hasCauseInstanceOf(IOException.class)
        .satisfies(e -> assertThat(((JoinException) e).isFailed()).isTrue())
        .hasMessageContaining("boom");
  }

  @Test
  void abortBeforeRunningCancelsAndDropsAtOnce() {
    Gate gate = new Gate();
    RawTask<String> task = scheduler.spawn(gate);
    task.abort();
    assertThat(task.isFinished()).isTrue();
    assertThat(task.isFailed()).isFalse();
    assertThat(gate.drops).hasValue(1);
    assertThat(scheduler.runAll()).isZero();
    assertThat(gate.polls).hasValue(0);
    assertThatThrownBy(task::join)
        .isInstanceOfSatisfying(JoinException.class, e -> assertThat(e.isCancelled()).isTrue());
  }

  @Test
  void abortWhileIdleCancelsAndDropsAtOnce() {
    Gate gate = new Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    task.abort();
    task.abort();
    assertThat(task.isCancelled()).isTrue();
    assertThat(gate.drops).hasValue(1);
    task.wake();
    assertThat(scheduler.queue).isEmpty();
  }

  @Test
  void abortDuringPollCompletesAfterThePoll() {
    AtomicReference<RawTask<String>> self = new AtomicReference<>();
    AtomicInteger drops = new AtomicInteger();
    RawTask<String> task =
        scheduler.spawn(
            new Future<>() {
              @Override
              public Poll<String> poll(Context cx) {
                self.get().abort();
                assertThat(self.get().isFinished()).isFalse();
                return Poll.pending();
              }

              @Override
              public void drop() {
                drops.incrementAndGet();
              }
            });
    self.set(task);
    scheduler.runAll();
    assertThat(task.isCancelled()).isTrue();
    assertThat(drops).hasValue(1);
  }

  @Test
  void abortAfterCompletionKeepsTheOutput() {
    RawTask<String> task = scheduler.spawn(cx -> Poll.ready("kept"));
    scheduler.runAll();
    task.abort();
    assertThat(task.join()).isEqualTo("kept");
  }

  @Test
  void joinHandleWakesItsJoinerAndReplacesAChangedWaker() {
    Gate gate = new Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    assertThat(task.poll(Context.of(first::incrementAndGet)).isPending()).isTrue();
    assertThat(task.poll(Context.of(second::incrementAndGet)).isPending()).isTrue();
    gate.open("v");
    scheduler.runAll();
    assertThat(first).hasValue(0);
    assertThat(second).hasValue(1);
    assertThat(task.poll(Context.of(Waker.noop())).value()).isEqualTo("v");
  }

  @Test
  void completableFutureBridgeCompletesBeforeAndAfterCompletion() throws Exception {
    Gate gate = new Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    CompletableFuture<String> early = task.toCompletableFuture();
    assertThat(early).isNotDone();
    gate.open("x");
    scheduler.runAll();
    assertThat(early.get()).isEqualTo("x");
    assertThat(task.toCompletableFuture().get()).isEqualTo("x");
  }

  @Test
  void joinWithTimeoutSaysWhichTaskAndHowLong() {
    RawTask<String> task = scheduler.spawn(new Gate());
    assertThatThrownBy(() -> task.join(Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("task " + task.id())
        .hasMessageContaining("PT0.02S");
  }

  @Test
  void shutdownOfOwnedTasksCancelsEveryTaskAndRefusesNewOnes() {
    Gate a = new Gate();
    Gate b = new Gate();
    RawTask<String> queued = scheduler.spawn(a);
    RawTask<String> idle = scheduler.spawn(b);
    idle.run();
    scheduler.owned.closeAndCancelAll();
    assertThat(queued.isCancelled()).isTrue();
    assertThat(idle.isCancelled()).isTrue();
    assertThat(a.drops).hasValue(1);
    assertThat(b.drops).hasValue(1);
    assertThat(scheduler.owned.alive()).isZero();
    assertThatThrownBy(() -> scheduler.spawn(new Gate())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void describeNamesTheBits() {
    assertThat(RawTask.describe(0)).isEqualTo("IDLE");
    assertThat(RawTask.describe(RawTask.RUNNING | RawTask.NOTIFIED)).isEqualTo("RUNNING|NOTIFIED");
  }
}
