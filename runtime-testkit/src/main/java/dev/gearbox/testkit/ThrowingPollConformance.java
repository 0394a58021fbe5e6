package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Join2;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Oneshot;
import dev.gearbox.sync.Semaphore;
import dev.gearbox.sync.SemaphorePermit;
import dev.gearbox.testkit.FailureFutures.ThrowsWhileHolding;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: a task whose poll throws has its future dropped, as Tokio drops a future that
 * panicked, so what the future holds is released: a pending sleep leaves the timers, a waiting
 * acquire leaves the semaphore's queue.
 */
public interface ThrowingPollConformance extends ConformanceFixture {

  /**
   * A task that throws while it holds a pending hour-long sleep is dropped once, and the sleep's
   * timer entry leaves the runtime's timers ({@code pendingTimers} where the runtime reports it).
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void throwingPollDropsItsFutureAndItsSleep() {
    Runtime runtime = runtime();
    long timersBefore = pendingTimers(runtime);
    Oneshot.Pair<Boolean> trigger = Oneshot.channel();
    IllegalStateException boom = new IllegalStateException("boom while sleeping");
    ThrowsWhileHolding task =
        new ThrowsWhileHolding(Time.sleep(Duration.ofHours(1)), trigger.receiver(), boom);
    JoinHandle<Object> handle = runtime.spawn(task);
    CompletableFuture<Object> outcome = handle.toCompletableFuture();
    Await.until(WAIT, () -> task.polls.get() > 0, "the task's first poll");
    trigger.sender().send(true);

    Await.until(WAIT, outcome::isDone, "the task to fail");
    assertThat(outcome.exceptionNow()).cause().isSameAs(boom);
    assertThat(task.drops.get()).as("drops of the future whose poll threw").isEqualTo(1);
    Await.until(
        WAIT,
        () -> pendingTimers(runtime) == timersBefore,
        () -> "pendingTimers back to " + timersBefore + ", now " + pendingTimers(runtime));
  }

  /**
   * A task that throws while it waits in a semaphore's queue leaves the queue: a permit released
   * afterwards is free, not handed to the dead waiter and lost.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void throwingPollLeavesTheSemaphoreQueue() {
    Runtime runtime = runtime();
    Semaphore semaphore = new Semaphore(1);
    SemaphorePermit permit = semaphore.tryAcquire();
    Oneshot.Pair<Boolean> trigger = Oneshot.channel();
    IllegalStateException boom = new IllegalStateException("boom while waiting for a permit");
    ThrowsWhileHolding task = new ThrowsWhileHolding(semaphore.acquire(), trigger.receiver(), boom);
    CompletableFuture<Object> outcome = runtime.spawn(task).toCompletableFuture();
    Await.until(WAIT, () -> task.polls.get() > 0, "the task to wait for the permit");
    trigger.sender().send(true);
    Await.until(WAIT, outcome::isDone, "the task to fail");

    permit.close();
    assertThat(task.drops.get()).isEqualTo(1);
    assertThat(semaphore.availablePermits()).as("permits after the release").isEqualTo(1);
    assertThat(runtime.blockOn(semaphore.acquire()).permits()).isEqualTo(1);
  }

  /** A combinator that recovers from a child's failure drops that child, releasing its sleep. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void recoveredFailureDropsTheChildThatThrew() {
    Runtime runtime = runtime();
    long timersBefore = pendingTimers(runtime);
    Oneshot.Pair<Boolean> trigger = Oneshot.channel();
    IllegalStateException boom = new IllegalStateException("boom, recovered");
    ThrowsWhileHolding child =
        new ThrowsWhileHolding(Time.sleep(Duration.ofHours(1)), trigger.receiver(), boom);
    JoinHandle<Join2<Object, Integer>> handle =
        runtime.spawn(Futures.join(child.recover(failure -> "recovered"), Futures.ready(1)));
    Await.until(WAIT, () -> child.polls.get() > 0, "the child's first poll");
    trigger.sender().send(true);
    assertThat(runtime.blockOn(handle).first()).isEqualTo("recovered");
    assertThat(child.drops.get()).isEqualTo(1);
    Await.until(
        WAIT,
        () -> pendingTimers(runtime) == timersBefore,
        () -> "pendingTimers back to " + timersBefore + ", now " + pendingTimers(runtime));
  }

  /** The runtime's {@code pendingTimers} metric, or 0 if it reports none. */
  private static long pendingTimers(Runtime runtime) {
    return runtime.metrics().all().getOrDefault("timers.pending", 0L);
  }
}
