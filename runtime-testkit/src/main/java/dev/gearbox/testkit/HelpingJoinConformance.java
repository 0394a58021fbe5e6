package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Oneshot;
import dev.gearbox.testkit.ConformanceFutures.Deferred;
import dev.gearbox.testkit.JoinFutures.AwaitOutcome;
import dev.gearbox.testkit.JoinFutures.CheckedChild;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: a task that awaits a child which has not started yet. A runtime may poll the child
 * in place on the joining thread (a helping join, as ForkJoinPool's join does); one that does not
 * passes these tests trivially. Either way the outcomes, the failures, the cancellations and the
 * wakes are those of an ordinary join, and no task is polled twice at once or after its end.
 */
public interface HelpingJoinConformance extends ConformanceFixture {

  /**
   * A task spawns 10,000 children and awaits each in turn: the sum is right and each child's future
   * is polled exactly once (it is Ready at its first poll).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void awaitingUnstartedChildrenPollsEachOnce() throws Exception {
    int count = 10_000;
    AtomicIntegerArray polls = new AtomicIntegerArray(count);
    JoinHandle<Long> parent =
        runtime()
            .spawn(
                new Deferred<>(
                    () -> {
                      List<JoinHandle<Integer>> children = new ArrayList<>(count);
                      for (int i = 0; i < count; i++) {
                        int value = i;
                        children.add(
                            Task.spawn(
                                cx -> {
                                  polls.incrementAndGet(value);
                                  return Poll.ready(value);
                                }));
                      }
                      return new ConformanceFutures.SumAll(children);
                    }));
    assertThat(parent.join(WAIT)).isEqualTo((long) count * (count - 1) / 2);
    for (int i = 0; i < count; i++) {
      assertThat(polls.get(i)).as("polls of child %d", i).isEqualTo(1);
    }
  }

  /**
   * A chain of 1,000 tasks, each spawning the next and awaiting it at once, completes without
   * overflowing the stack of the thread that polls them (a poll that overflowed would fail).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void deepChainOfSpawnAndAwaitCompletes() throws Exception {
    int depth = 1_000;
    assertThat(runtime().spawn(new PollNesting().chain(depth)).join(WAIT)).isEqualTo((long) depth);
  }

  /**
   * A child that throws at its first poll fails the parent's join with a JoinException carrying the
   * exception.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void awaitedChildThatThrowsFailsTheJoin() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom in an awaited child");
    JoinException failed =
        runtime()
            .spawn(
                new AwaitOutcome<>(
                    () ->
                        Task.spawn(
                            cx -> {
                              throw boom;
                            })))
            .join(WAIT);
    assertThat(failed).isNotNull();
    assertThat(failed.isFailed()).isTrue();
    assertThat(failed.getCause()).isSameAs(boom);
  }

  /**
   * A child aborted before its parent awaits it is never polled, and the join reports it cancelled.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void childAbortedBeforeTheJoinIsCancelled() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    JoinException cancelled =
        runtime()
            .spawn(
                new AwaitOutcome<>(
                    () -> {
                      JoinHandle<Integer> child =
                          Task.spawn(
                              cx -> {
                                polls.incrementAndGet();
                                return Poll.ready(1);
                              });
                      child.abort();
                      return child;
                    }))
            .join(WAIT);
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(polls.get()).as("polls of the aborted child").isZero();
  }

  /**
   * A child that waits on a channel when its parent first awaits it is woken by the send and
   * completes, and so does the parent.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void awaitedChildWaitingOnAChannelIsWokenLater() throws Exception {
    Oneshot.Pair<String> channel = Oneshot.channel();
    AtomicInteger childPolls = new AtomicInteger();
    AtomicInteger parentPolls = new AtomicInteger();
    Oneshot.Receiver<String> receiver = channel.receiver();
    JoinHandle<String> parent =
        runtime()
            .spawn(
                new Future<String>() {
                  private JoinHandle<String> child;

                  @Override
                  public Poll<String> poll(Context cx) throws Exception {
                    parentPolls.incrementAndGet();
                    if (child == null) {
                      child =
                          Task.spawn(
                              inner -> {
                                childPolls.incrementAndGet();
                                return receiver.poll(inner);
                              });
                    }
                    return child.poll(cx);
                  }
                });
    Await.until(WAIT, () -> parentPolls.get() > 0 && childPolls.get() > 0, "both first polls");
    assertThat(parent.isFinished()).isFalse();
    channel.sender().send("sent");
    assertThat(parent.join(WAIT)).isEqualTo("sent");
  }

  /**
   * For two seconds, parents spawned from outside spawn children that yield, wait for a wake from
   * another thread or finish at once, and await them in turn (forward or backward) while workers
   * steal from one another: no child is polled by two threads at once or after it was Ready, and
   * every sum is right.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void concurrentJoinsNeverPollATaskTwiceAtOnceOrAfterItsEnd() throws Exception {
    Runtime runtime = runtime();
    ConcurrentLinkedQueue<Waker> toWake = new ConcurrentLinkedQueue<>();
    AtomicInteger violations = new AtomicInteger();
    AtomicReference<String> firstViolation = new AtomicReference<>();
    long deadline = System.nanoTime() + 2_000_000_000L;
    Thread waker =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    Waker next = toWake.poll();
                    if (next != null) {
                      next.wake();
                    } else {
                      Thread.onSpinWait();
                    }
                  }
                });
    try {
      int rounds = 0;
      while (System.nanoTime() < deadline || rounds == 0) {
        rounds++;
        int parents = 8;
        int children = 64;
        List<JoinHandle<Long>> handles = new ArrayList<>(parents);
        for (int p = 0; p < parents; p++) {
          boolean backward = p % 2 == 1;
          handles.add(
              runtime.spawn(
                  new Deferred<>(
                      () -> {
                        List<JoinHandle<Integer>> spawned = new ArrayList<>(children);
                        for (int i = 0; i < children; i++) {
                          spawned.add(
                              Task.spawn(new CheckedChild(i, toWake, violations, firstViolation)));
                        }
                        if (backward) {
                          java.util.Collections.reverse(spawned);
                        }
                        return new ConformanceFutures.SumAll(spawned);
                      })));
        }
        for (JoinHandle<Long> handle : handles) {
          assertThat(handle.join(WAIT)).isEqualTo((long) children * (children - 1) / 2);
        }
        assertThat(violations.get()).as("violations: %s", firstViolation.get()).isZero();
      }
    } finally {
      waker.interrupt();
      waker.join(WAIT.toMillis());
    }
  }
}
