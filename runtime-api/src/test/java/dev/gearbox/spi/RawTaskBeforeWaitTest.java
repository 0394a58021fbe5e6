package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A scheduler that binds tasks to its {@link OwnedTasks} only when they first wait. */
class RawTaskBeforeWaitTest {
  private final LazyScheduler scheduler = new LazyScheduler();

  /** Binds in beforeWait, as the work-stealing runtime does; the test drains the queue by hand. */
  static final class LazyScheduler implements TaskScheduler {
    final ConcurrentLinkedQueue<RawTask<?>> queue = new ConcurrentLinkedQueue<>();
    final OwnedTasks owned = new OwnedTasks();
    final AtomicInteger beforeWaits = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();

    @Override
    public void schedule(RawTask<?> task) {
      queue.add(task);
    }

    @Override
    public boolean beforeWait(RawTask<?> task) {
      beforeWaits.incrementAndGet();
      return owned.bind(task);
    }

    @Override
    public void release(RawTask<?> task) {
      releases.incrementAndGet();
      owned.remove(task);
    }

    <T> RawTask<T> spawn(dev.gearbox.future.Future<T> future) {
      RawTask<T> task = new RawTask<>(future, this);
      queue.add(task);
      return task;
    }

    void runAll() {
      for (RawTask<?> task = queue.poll(); task != null; task = queue.poll()) {
        task.run();
      }
    }
  }

  @Test
  void aTaskThatFinishesInItsFirstPollIsNeverBound() {
    RawTask<String> task = scheduler.spawn(cx -> Poll.ready("done"));
    scheduler.runAll();
    assertThat(task.poll(Context.of(Waker.noop())).value()).isEqualTo("done");
    assertThat(scheduler.beforeWaits).hasValue(0);
    assertThat(scheduler.owned.spawned()).isZero();
    assertThat(scheduler.releases).hasValue(1);
  }

  @Test
  void aYieldingTaskIsNotBoundAndAWaitingOneIsBoundOnce() {
    AtomicInteger polls = new AtomicInteger();
    RawTask<Integer> yielder =
        scheduler.spawn(
            cx -> {
              if (polls.incrementAndGet() < 5) {
                cx.waker().wake();
                return Poll.pending();
              }
              return Poll.ready(5);
            });
    scheduler.runAll();
    assertThat(yielder.isFinished()).isTrue();
    assertThat(scheduler.beforeWaits).hasValue(0);

    RawTaskTest.Gate gate = new RawTaskTest.Gate();
    RawTask<String> waiter = scheduler.spawn(gate);
    scheduler.runAll();
    assertThat(scheduler.beforeWaits).hasValue(1);
    assertThat(scheduler.owned.alive()).isEqualTo(1);
    gate.waker.get().wake(); // a spurious wake: it waits again, already bound
    scheduler.runAll();
    assertThat(gate.polls).hasValue(2);
    assertThat(scheduler.beforeWaits).hasValue(1);
    gate.open("open");
    scheduler.runAll();
    assertThat(waiter.poll(Context.of(Waker.noop())).value()).isEqualTo("open");
    assertThat(scheduler.owned.alive()).isZero();
  }

  @Test
  void aRefusedWaitCancelsTheTaskAndDropsItsFutureOnce() {
    scheduler.owned.closeAndCancelAll();
    RawTaskTest.Gate gate = new RawTaskTest.Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    assertThat(task.isFinished()).isTrue();
    assertThat(task.isCancelled()).isTrue();
    assertThat(gate.polls).hasValue(1);
    assertThat(gate.drops).hasValue(1);
    assertThat(scheduler.releases).hasValue(1);
    assertThatThrownBy(task::join)
        .isInstanceOfSatisfying(JoinException.class, e -> assertThat(e.isCancelled()).isTrue());
  }

  @Test
  void closingTheSetCancelsATaskBoundWhileWaiting() {
    RawTaskTest.Gate gate = new RawTaskTest.Gate();
    RawTask<String> task = scheduler.spawn(gate);
    scheduler.runAll();
    scheduler.owned.closeAndCancelAll();
    assertThat(task.isCancelled()).isTrue();
    assertThat(gate.drops).hasValue(1);
    assertThat(scheduler.owned.alive()).isZero();
  }
}
