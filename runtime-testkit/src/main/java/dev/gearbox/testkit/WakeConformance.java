package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.ConformanceFutures.WakeCounter;
import dev.gearbox.testkit.ConformanceFutures.YieldForever;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Conformance: wakes are never lost, never cause overlapping polls, and polls are fair. */
public interface WakeConformance extends ConformanceFixture {

  /**
   * One million wakes from four foreign threads: the task sees the last one (no lost wakeup), and
   * no two polls overlap.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 90, threadMode = ThreadMode.SEPARATE_THREAD)
  default void millionWakesFromFourThreadsAreNotLost() throws Exception {
    int threads = 4;
    int wakesPerThread = 250_000;
    WakeCounter counter = new WakeCounter((long) threads * wakesPerThread);
    JoinHandle<Long> handle = runtime().spawn(counter);
    assertThat(counter.registered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    List<Thread> wakers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      wakers.add(
          Thread.ofPlatform()
              .name("conformance-waker-" + t)
              .start(
                  () -> {
                    for (int i = 0; i < wakesPerThread; i++) {
                      counter.wakeOnce();
                    }
                  }));
    }
    for (Thread waker : wakers) {
      assertThat(waker.join(WAIT)).as("%s finished", waker.getName()).isTrue();
    }
    long polls = handle.join(WAIT);
    assertThat(counter.overlaps.get()).as("overlapping polls").isZero();
    assertThat(polls).isBetween(2L, (long) threads * wakesPerThread + 1);
  }

  /**
   * A caller inside {@code blockOn} that joins tasks one after another is woken for each while
   * other tasks keep every worker busy: a runtime whose workers hold back the unpark of such a
   * caller (to wake it once for several completions) must still deliver it.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnCallerIsWokenWhileTasksKeepTheRuntimeBusy() throws Exception {
    List<YieldForever> spinners = new ArrayList<>();
    List<JoinHandle<Long>> spinning = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      YieldForever spinner = new YieldForever();
      spinners.add(spinner);
      spinning.add(runtime().spawn(spinner));
    }
    try {
      for (int round = 0; round < 100; round++) {
        int expected = round;
        JoinHandle<Integer> answer = runtime().spawn(cx -> Poll.ready(expected));
        assertThat(runtime().blockOn(answer)).isEqualTo(round);
      }
    } finally {
      spinners.forEach(spinner -> spinner.stop.set(true));
    }
    for (JoinHandle<Long> handle : spinning) {
      assertThat(handle.join(WAIT)).isPositive();
    }
  }

  /**
   * A task that wakes itself during its poll is polled again.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void selfWakeDuringPollRunsAgain() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    JoinHandle<Integer> handle =
        runtime()
            .spawn(
                cx -> {
                  if (polls.incrementAndGet() < 3) {
                    cx.waker().wake();
                    return Poll.pending();
                  }
                  return Poll.ready(polls.get());
                });
    assertThat(handle.join(WAIT)).isEqualTo(3);
  }

  /**
   * A wake from another thread while the task is inside its poll makes it run again after it.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void foreignWakeDuringPollRunsAgain() throws Exception {
    CountDownLatch insidePoll = new CountDownLatch(1);
    CountDownLatch woken = new CountDownLatch(1);
    AtomicInteger polls = new AtomicInteger();
    JoinHandle<Integer> handle =
        runtime()
            .spawn(
                cx -> {
                  if (polls.incrementAndGet() == 1) {
                    Waker waker = cx.waker();
                    Thread.ofPlatform()
                        .name("conformance-waker")
                        .start(
                            () -> {
                              waker.wake();
                              woken.countDown();
                            });
                    insidePoll.countDown();
                    // Holds the poll until the wake has happened (bounded).
                    if (!woken.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                      throw new AssertionError("the waker thread did not run");
                    }
                    return Poll.pending();
                  }
                  return Poll.ready(polls.get());
                });
    assertThat(insidePoll.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(handle.join(WAIT)).isEqualTo(2);
  }

  /**
   * A task that yields forever does not keep other tasks from running.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void taskYieldingForeverDoesNotStarveOthers() throws Exception {
    Runtime runtime = runtime();
    List<YieldForever> spinners = new ArrayList<>();
    List<JoinHandle<Long>> spinning = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      YieldForever spinner = new YieldForever();
      spinners.add(spinner);
      spinning.add(runtime.spawn(spinner));
    }
    for (YieldForever spinner : spinners) {
      Await.until(WAIT, () -> spinner.polls.get() > 10, "the yielding tasks to run");
    }
    List<JoinHandle<Integer>> others = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      int value = i;
      others.add(runtime.spawn(cx -> Poll.ready(value)));
    }
    for (JoinHandle<Integer> other : others) {
      other.join(WAIT);
    }
    for (YieldForever spinner : spinners) {
      spinner.stop.set(true);
    }
    for (JoinHandle<Long> handle : spinning) {
      assertThat(handle.join(WAIT)).isPositive();
    }
  }
}
