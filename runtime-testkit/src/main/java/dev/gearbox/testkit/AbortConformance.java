package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import dev.gearbox.testkit.ConformanceFutures.HeldPoll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Conformance: abort before, during and after a task runs. */
public interface AbortConformance extends ConformanceFixture {

  /**
   * Aborting right after spawn (before the first poll, or racing with it) cancels the task and
   * drops its future exactly once.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortBeforeRunningCancelsAndDropsOnce() {
    Runtime runtime = runtime();
    List<Gate> gates = new ArrayList<>();
    List<JoinHandle<String>> handles = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Gate gate = new Gate();
      JoinHandle<String> handle = runtime.spawn(gate);
      handle.abort();
      gates.add(gate);
      handles.add(handle);
    }
    for (int i = 0; i < handles.size(); i++) {
      JoinHandle<String> handle = handles.get(i);
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
      assertThat(cancelled).as("join of aborted task %d", i).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(cancelled.taskId()).isEqualTo(handle.id());
      assertThat(gates.get(i).drops.get()).as("drops of task %d", i).isEqualTo(1);
      assertThat(gates.get(i).polls.get()).as("polls of task %d", i).isLessThanOrEqualTo(1);
    }
  }

  /**
   * Aborting a task inside its poll completes it as cancelled when the poll returns Pending, and
   * drops its future once, after the poll.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortDuringPollCancelsAfterThePoll() throws Exception {
    HeldPoll held = new HeldPoll();
    JoinHandle<String> handle = runtime().spawn(held);
    assertThat(held.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    handle.abort();
    assertThat(handle.isFinished()).as("finished while still inside its poll").isFalse();
    assertThat(held.drops.get()).as("dropped during its poll").isZero();
    held.release.countDown();
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(held.drops.get()).isEqualTo(1);
  }

  /**
   * Aborting a task that waits between polls cancels it at once; a later wake is a no-op.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortWhilePendingDropsExactlyOnce() throws Exception {
    Gate gate = new Gate();
    JoinHandle<String> handle = runtime().spawn(gate);
    assertThat(gate.awaitFirstPoll()).isTrue();
    handle.abort();
    handle.abort();
    JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(gate.drops.get()).isEqualTo(1);
    int polls = gate.polls.get();
    gate.release();
    // a task spawned after the wake runs; the aborted one must not have been polled again
    assertThat(runtime().spawn(cx -> Poll.ready(1)).join(WAIT)).isEqualTo(1);
    assertThat(gate.polls.get()).isEqualTo(polls);
    assertThat(gate.drops.get()).isEqualTo(1);
  }

  /**
   * Aborting a completed task changes nothing: the output stays, nothing is dropped.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortAfterCompletionKeepsTheOutput() throws Exception {
    AtomicInteger drops = new AtomicInteger();
    JoinHandle<String> handle =
        runtime()
            .spawn(
                new Future<String>() {
                  @Override
                  public Poll<String> poll(Context cx) {
                    return Poll.ready("kept");
                  }

                  @Override
                  public void drop() {
                    drops.incrementAndGet();
                  }
                });
    assertThat(handle.join(WAIT)).isEqualTo("kept");
    handle.abort();
    assertThat(handle.join(WAIT)).isEqualTo("kept");
    assertThat(drops.get()).isZero();
  }
}
