package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Polls in place ({@link RawTask#runInPlace()}, a helping join) with the task's queue entry left
 * queued, and what other threads do to the task during such a poll, each made deterministic by
 * running it on another thread from inside the poll.
 */
class RawTaskInPlaceTest {
  private final QueueScheduler scheduler = new QueueScheduler();

  /** Pending at first; runs {@code during} inside its first poll; Ready from its second poll on. */
  private static final class Scripted implements Future<String> {
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    private final Consumer<Context> during;

    Scripted(Consumer<Context> during) {
      this.during = during;
    }

    @Override
    public Poll<String> poll(Context cx) {
      if (polls.incrementAndGet() == 1) {
        during.accept(cx);
        return Poll.pending();
      }
      return Poll.ready("done");
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }
  }

  /** Runs {@code action} on another thread and waits for it. */
  private static void onOtherThread(Runnable action) {
    Thread thread = Thread.ofPlatform().start(action);
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readyInPlaceCompletesAndLeavesAStaleEntry() {
    RawTask<String> task = scheduler.spawn(cx -> Poll.ready("done"));
    assertThat(task.runInPlace()).isTrue();
    assertThat(task.isFinished()).isTrue();
    assertThat(task.poll(Context.of(Waker.noop())).value()).isEqualTo("done");
    assertThat(scheduler.runAll()).as("polls by the stale entry").isZero();
    assertThat(scheduler.releases).hasValue(1);
  }

  @Test
  void pendingInPlaceStaysScheduledAndItsEntryPollsItAgain() {
    Scripted future = new Scripted(cx -> {});
    RawTask<String> task = scheduler.spawn(future);
    assertThat(task.runInPlace()).isTrue();
    assertThat(task.state()).isEqualTo(RawTask.SCHEDULED);
    assertThat(scheduler.queue).hasSize(1);
    assertThat(scheduler.runAll()).isEqualTo(1);
    assertThat(future.polls).hasValue(2);
    assertThat(task.isFinished()).isTrue();
    assertThat(scheduler.schedules.get() + scheduler.yields.get()).isZero();
  }

  @Test
  void yieldInPlaceWithItsEntryQueuedAddsNoEntry() {
    Scripted future = new Scripted(cx -> cx.waker().wake());
    RawTask<String> task = scheduler.spawn(future);
    assertThat(task.runInPlace()).isTrue();
    assertThat(task.state()).isEqualTo(RawTask.SCHEDULED);
    assertThat(scheduler.queue).hasSize(1);
    assertThat(scheduler.runAll()).isEqualTo(1);
    assertThat(task.isFinished()).isTrue();
  }

  @Test
  void entryTakenAndWakeDuringThePollInPlaceRequeueTheTask() {
    RawTask<?>[] self = new RawTask<?>[1];
    AtomicInteger entryRuns = new AtomicInteger();
    Scripted future =
        new Scripted(
            cx ->
                onOtherThread(
                    () -> {
                      self[0].wake(); // sees SCHEDULED: its entry stands for it
                      RawTask<?> entry = scheduler.queue.poll();
                      if (entry != null && entry.run()) {
                        entryRuns.incrementAndGet();
                      }
                    }));
    RawTask<String> task = scheduler.spawn(future);
    self[0] = task;
    assertThat(task.runInPlace()).isTrue();
    assertThat(entryRuns).as("polls by the entry taken during the poll in place").hasValue(0);
    assertThat(scheduler.queue).as("entries after the poll in place").hasSize(1);
    assertThat(scheduler.yields).as("re-queued as after a wake during a poll").hasValue(1);
    assertThat(scheduler.runAll()).isEqualTo(1);
    assertThat(task.isFinished()).isTrue();
    assertThat(future.polls).hasValue(2);
  }

  @Test
  void abortDuringThePollInPlaceCancelsOnceItReturns() {
    RawTask<?>[] self = new RawTask<?>[1];
    Scripted future = new Scripted(cx -> onOtherThread(() -> self[0].abort()));
    RawTask<String> task = scheduler.spawn(future);
    self[0] = task;
    assertThat(task.runInPlace()).isTrue();
    assertThat(task.isCancelled()).isTrue();
    assertThat(future.drops).hasValue(1);
    assertThat(scheduler.runAll()).as("polls by the stale entry").isZero();
    assertThatThrownBy(() -> task.poll(Context.of(Waker.noop())))
        .isInstanceOfSatisfying(
            JoinException.class, failed -> assertThat(failed.isCancelled()).isTrue());
  }

  @Test
  void throwInPlaceFailsTheTask() {
    IllegalStateException boom = new IllegalStateException("boom in place");
    RawTask<String> task =
        scheduler.spawn(
            cx -> {
              throw boom;
            });
    assertThat(task.runInPlace()).isTrue();
    assertThat(task.isFailed()).isTrue();
    assertThat(scheduler.runAll()).isZero();
  }

  @Test
  void onlyAScheduledTaskNobodyRunsIsPolledInPlace() {
    Scripted future = new Scripted(cx -> {});
    RawTask<String> task = scheduler.spawn(future);
    assertThat(scheduler.runAll()).isEqualTo(1); // now idle, waiting
    assertThat(task.runInPlace()).as("idle").isFalse();
    RawTask<?>[] self = new RawTask<?>[1];
    AtomicInteger nested = new AtomicInteger(-1);
    RawTask<String> running =
        scheduler.spawn(
            cx -> {
              nested.set(self[0].runInPlace() ? 1 : 0);
              return Poll.ready("x");
            });
    self[0] = running;
    scheduler.runAll();
    assertThat(nested).as("running on this very stack").hasValue(0);
    assertThat(running.runInPlace()).as("complete").isFalse();
    RawTask<String> aborted = scheduler.spawn(new Scripted(cx -> {}));
    aborted.abort();
    assertThat(aborted.runInPlace()).as("aborted").isFalse();
    assertThat(future.polls).hasValue(1);
  }
}
