package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.sched.CoopBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class LocalExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A counter that is deliberately not thread-safe. */
  private static final class PlainCounter {
    int value;
  }

  @Test
  void tasksRunOnTheOwnerThreadOnly() {
    LocalExecutor local = new LocalExecutor();
    PlainCounter counter = new PlainCounter();
    List<JoinHandle<Thread>> handles = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      handles.add(
          local.spawn(
              cx -> {
                counter.value++;
                return Poll.ready(Thread.currentThread());
              }));
    }
    for (JoinHandle<Thread> handle : handles) {
      assertThat(local.run(handle)).isSameAs(Thread.currentThread());
    }
    assertThat(counter.value).isEqualTo(1_000);
    assertThat(local.aliveTasks()).isZero();
    assertThat(local.polls()).isEqualTo(1_000);
  }

  private static int unitsGranted(Context cx) {
    int granted = 0;
    while (granted <= CoopBudget.PER_POLL && cx.consumeBudget()) {
      granted++;
    }
    return granted;
  }

  @Test
  void everyPollOfATaskOrTheMainFutureStartsWithTheSharedBudget() {
    LocalExecutor local = new LocalExecutor();
    JoinHandle<Integer> task = local.spawn(cx -> Poll.ready(unitsGranted(cx)));
    assertThat(local.run(task)).isEqualTo(CoopBudget.PER_POLL);
    assertThat(local.run((Future<Integer>) cx -> Poll.ready(unitsGranted(cx))))
        .isEqualTo(CoopBudget.PER_POLL);
  }

  @Test
  void spawnFromAnotherThreadFailsNamingBothThreads() throws Exception {
    Thread owner = Thread.currentThread();
    LocalExecutor local = new LocalExecutor();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread intruder =
        Thread.ofPlatform()
            .name("intruder-thread")
            .start(
                () -> {
                  try {
                    local.spawn(cx -> Poll.ready(1));
                  } catch (Throwable expected) {
                    failure.set(expected);
                  }
                });
    intruder.join(WAIT);
    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("intruder-thread")
        .hasMessageContaining(owner.getName())
        .hasMessageContaining("spawn");
    assertThat(local.owner()).isSameAs(owner);
  }

  @Test
  void runFromAnotherThreadFails() throws Exception {
    LocalExecutor local = new LocalExecutor();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    local.run(cx -> Poll.ready(1));
                  } catch (Throwable expected) {
                    failure.set(expected);
                  }
                });
    other.join(WAIT);
    assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wakesFromOtherThreadsReachTheOwner() throws Exception {
    LocalExecutor local = new LocalExecutor();
    int rounds = 10_000;
    PingPong pingPong = new PingPong(rounds);
    JoinHandle<Integer> handle = local.spawn(pingPong);
    assertThat(local.run(handle)).isEqualTo(rounds);
    pingPong.helper.join(WAIT);
  }

  /**
   * Each poll hands the waker to a helper thread, which wakes it from there: every wake but the
   * first comes from another thread while the owner may be parked.
   */
  private static final class PingPong implements Future<Integer> {
    private final int rounds;
    private final java.util.concurrent.SynchronousQueue<Waker> handoff =
        new java.util.concurrent.SynchronousQueue<>();
    private int polls;
    final Thread helper;

    PingPong(int rounds) {
      this.rounds = rounds;
      this.helper =
          Thread.ofPlatform()
              .name("ping-pong-waker")
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < rounds; i++) {
                        handoff.take().wake();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }

    @Override
    public Poll<Integer> poll(Context cx) throws InterruptedException {
      if (polls == rounds) {
        return Poll.ready(polls);
      }
      polls++;
      handoff.put(cx.waker());
      return Poll.pending();
    }
  }

  @Test
  void closeCancelsTasksOnTheOwnerThread() {
    LocalExecutor local = new LocalExecutor();
    AtomicReference<Thread> droppedOn = new AtomicReference<>();
    JoinHandle<Object> pending =
        local.spawn(
            new Future<>() {
              @Override
              public Poll<Object> poll(Context cx) {
                return Poll.pending();
              }

              @Override
              public void drop() {
                droppedOn.set(Thread.currentThread());
              }
            });
    local.close();
    assertThat(droppedOn.get()).isSameAs(Thread.currentThread());
    assertThatThrownBy(pending::join)
        .isInstanceOfSatisfying(
            JoinException.class, failure -> assertThat(failure.isCancelled()).isTrue());
    assertThatThrownBy(() -> local.spawn(cx -> Poll.ready(1)))
        .isInstanceOf(RuntimeClosedException.class);
  }

  @Test
  void runInsideOwnTaskFails() {
    LocalExecutor local = new LocalExecutor();
    JoinHandle<Throwable> nested =
        local.spawn(
            cx -> {
              try {
                local.run(inner -> Poll.ready(1));
                return Poll.ready(null);
              } catch (IllegalStateException expected) {
                return Poll.ready(expected);
              }
            });
    assertThat(local.run(nested)).hasMessageContaining("LocalExecutor.run()");
  }
}
