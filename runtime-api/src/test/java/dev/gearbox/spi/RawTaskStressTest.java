package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races wakes, polls and aborts of one task across threads: no wake is lost, no two polls overlap,
 * an abort racing with polls completes the task exactly once.
 */
class RawTaskStressTest {
  private static final int WAKER_THREADS = 2;
  private static final int RUNNER_THREADS = 2;
  private static final long WAKES_PER_THREAD = 200_000;

  /** Counts wakes it has seen; fails on overlapping polls; done once it saw every wake. */
  static final class WakeCounter implements Future<Long> {
    final AtomicLong produced = new AtomicLong();
    final AtomicBoolean inPoll = new AtomicBoolean();
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final long target;

    WakeCounter(long target) {
      this.target = target;
    }

    @Override
    public Poll<Long> poll(Context cx) {
      if (!inPoll.compareAndSet(false, true)) {
        overlaps.incrementAndGet();
      }
      try {
        long seen = produced.get();
        return seen >= target ? Poll.ready(seen) : Poll.pending();
      } finally {
        inPoll.set(false);
      }
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
    }
  }

  private static List<Thread> runners(QueueScheduler scheduler, RawTask<?> task) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < RUNNER_THREADS; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!task.isFinished()) {
                      RawTask<?> next = scheduler.queue.poll();
                      if (next != null) {
                        next.run();
                      } else {
                        Thread.onSpinWait();
                      }
                    }
                  }));
    }
    return threads;
  }

  @Test
  @Timeout(30)
  void wakesFromManyThreadsAreNeverLostAndPollsNeverOverlap() throws Exception {
    QueueScheduler scheduler = new QueueScheduler();
    WakeCounter counter = new WakeCounter(WAKER_THREADS * WAKES_PER_THREAD);
    RawTask<Long> task = scheduler.spawn(counter);
    List<Thread> threads = runners(scheduler, task);
    for (int i = 0; i < WAKER_THREADS; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (long n = 0; n < WAKES_PER_THREAD; n++) {
                      counter.produced.incrementAndGet();
                      task.wake();
                    }
                  }));
    }
    assertThat(task.join(Duration.ofSeconds(20))).isEqualTo(WAKER_THREADS * WAKES_PER_THREAD);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(counter.overlaps).hasValue(0);
    assertThat(counter.drops).hasValue(0);
  }

  @Test
  @Timeout(30)
  void abortRacingWithWakesAndPollsCompletesExactlyOnce() throws Exception {
    for (int round = 0; round < 300; round++) {
      QueueScheduler scheduler = new QueueScheduler();
      WakeCounter counter = new WakeCounter(Long.MAX_VALUE);
      RawTask<Long> task = scheduler.spawn(counter);
      List<Thread> threads = runners(scheduler, task);
      Thread waker =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!task.isFinished()) {
                      task.wake();
                    }
                  });
      task.abort();
      waker.join();
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(task.isCancelled()).isTrue();
      assertThat(counter.drops).hasValue(1);
      assertThat(counter.overlaps).hasValue(0);
      assertThat(scheduler.releases).hasValue(1);
    }
  }
}
