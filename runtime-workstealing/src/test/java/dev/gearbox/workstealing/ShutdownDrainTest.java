package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.Task;
import dev.gearbox.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Shutdown finds the tasks that the task set does not hold (this runtime binds a task only when it
 * first waits): tasks still queued are cancelled by the workers as they end, and a spawn racing the
 * shutdown is either refused or has its handle completed.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class ShutdownDrainTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Counts polls and drops; ready at once. */
  private static final class Counted implements Future<Integer> {
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();

    @Override
    public Poll<Integer> poll(Context cx) {
      polls.incrementAndGet();
      return Poll.ready(1);
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }
  }

  @Test
  void tasksStillQueuedAtShutdownAreCancelledNotRun() throws Exception {
    Runtime runtime = WorkStealingRuntimeProvider.builder().workers(1).build();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Counted> local = new ArrayList<>();
    List<JoinHandle<Integer>> localHandles = new ArrayList<>();
    for (int i = 0; i < 400; i++) { // more than a local queue holds: some overflow
      local.add(new Counted());
    }
    JoinHandle<Void> holder =
        runtime.spawn(
            cx -> {
              for (Counted counted : local) {
                localHandles.add(Task.spawn(counted));
              }
              entered.countDown();
              release.await(); // holds the only worker
              return Poll.pending(); // would wait: cancelled instead, since the runtime is closed
            });
    assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    List<Counted> remote = new ArrayList<>();
    List<JoinHandle<Integer>> remoteHandles = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Counted counted = new Counted();
      remote.add(counted);
      remoteHandles.add(runtime.spawn(counted));
    }
    runtime.shutdown();
    release.countDown();
    assertThat(runtime.shutdown(WAIT)).isTrue();
    assertThat(catchThrowableOfType(JoinException.class, () -> holder.join(WAIT)).isCancelled())
        .isTrue();
    List<Counted> all = new ArrayList<>(local);
    all.addAll(remote);
    List<JoinHandle<Integer>> handles = new ArrayList<>(localHandles);
    handles.addAll(remoteHandles);
    for (int i = 0; i < all.size(); i++) {
      JoinHandle<Integer> handle = handles.get(i);
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
      assertThat(cancelled).as("join of task %d", i).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(all.get(i).polls).as("polls of task %d", i).hasValue(0);
      assertThat(all.get(i).drops).as("drops of task %d", i).hasValue(1);
    }
  }

  @Test
  void spawnsRacingShutdownAreRefusedOrComplete() throws Exception {
    for (int round = 0; round < 10; round++) {
      Runtime runtime = WorkStealingRuntimeProvider.builder().workers(2).build();
      ConcurrentLinkedQueue<JoinHandle<Integer>> handles = new ConcurrentLinkedQueue<>();
      CountDownLatch started = new CountDownLatch(3);
      List<Thread> spawners = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread spawner =
            new Thread(
                () -> {
                  started.countDown();
                  try {
                    for (int i = 0; i < 20_000; i++) {
                      // every third task waits forever: only a cancellation ends it
                      Future<Integer> future =
                          i % 3 == 0 ? cx -> Poll.pending() : cx -> Poll.ready(1);
                      handles.add(runtime.spawn(future));
                    }
                  } catch (RuntimeClosedException refused) {
                    // the shutdown came first
                  }
                });
        spawner.start();
        spawners.add(spawner);
      }
      assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      int spawnsFirst = 100 * round; // from a shutdown at once to one amid spawning
      Await.until(WAIT, () -> handles.size() >= spawnsFirst, "spawns before the shutdown");
      runtime.shutdown();
      for (Thread spawner : spawners) {
        spawner.join(WAIT.toMillis());
        assertThat(spawner.isAlive()).isFalse();
      }
      assertThat(runtime.shutdown(WAIT)).isTrue();
      for (JoinHandle<Integer> handle : handles) {
        Integer value = null;
        try {
          value = handle.join(WAIT);
        } catch (JoinException e) {
          assertThat(e.isCancelled()).isTrue();
        }
        assertThat(value == null || value == 1).isTrue();
        assertThat(handle.isFinished()).isTrue();
      }
      assertThat(runtime.metrics().aliveTasks()).isZero();
    }
  }
}
