package dev.gearbox.time.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.time.PausedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Four threads register, re-wake and cancel timers due around the current time while a driver
 * thread advances the clock and fires, so cancels race with firings and waker swaps race with
 * wakes. Every registration must end fired exactly once or cancelled, never both, never linked.
 */
class TimerWheelStressTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 50_000;
  private static final int TOTAL = THREADS * PER_THREAD;
  private static final long QUARTER_MS = 250_000L;

  private final PausedClock clock = new PausedClock();
  private final TimerWheel wheel = new TimerWheel(clock);
  private final WheelEntry[] entries = new WheelEntry[TOTAL];
  private final AtomicIntegerArray firstWakerWakes = new AtomicIntegerArray(TOTAL);
  private final AtomicIntegerArray secondWakerWakes = new AtomicIntegerArray(TOTAL);
  private final AtomicIntegerArray pending = new AtomicIntegerArray(TOTAL);
  private final AtomicIntegerArray cancelled = new AtomicIntegerArray(TOTAL);
  private final AtomicIntegerArray sawElapsed = new AtomicIntegerArray(TOTAL);
  private final Queue<Integer> toCancel = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentRegisterAndCancelWhileADriverFires() throws Exception {
    CountDownLatch workersDone = new CountDownLatch(THREADS);
    AtomicBoolean start = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int worker = 0; worker < THREADS; worker++) {
      int first = worker * PER_THREAD;
      workers.add(start(() -> work(first, start), workersDone, "worker-" + worker));
    }
    Thread driver = start(() -> drive(workersDone), new CountDownLatch(1), "driver");
    start.set(true);
    assertThat(workersDone.await(45, TimeUnit.SECONDS)).as("workers finished").isTrue();
    driver.join(Duration.ofSeconds(10));
    assertThat(driver.isAlive()).isFalse();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(failures).isEmpty();

    for (Integer index = toCancel.poll(); index != null; index = toCancel.poll()) {
      cancel(index);
    }
    clock.advance(Duration.ofHours(1));
    wheel.advance();
    assertThat(wheel.size()).isZero();
    wheel.verify();
    for (int i = 0; i < TOTAL; i++) {
      checkOutcome(i);
    }
  }

  private void work(int first, AtomicBoolean start) {
    Random random = new Random(first);
    while (!start.get()) {
      Thread.onSpinWait();
    }
    for (int index = first; index < first + PER_THREAD; index++) {
      int slot = index;
      WheelEntry entry = new WheelEntry();
      entry.setWaker(() -> firstWakerWakes.incrementAndGet(slot));
      entries[index] = entry;
      long deadline = clock.nanoTime() + (random.nextInt(12) - 2) * QUARTER_MS;
      if (wheel.register(entry, deadline)) {
        pending.set(index, 1);
        entry.setWaker(() -> secondWakerWakes.incrementAndGet(slot));
        sawElapsed.set(index, entry.isElapsed() ? 1 : 0);
        switch (random.nextInt(4)) {
          case 0 -> cancel(index);
          case 1 -> toCancel.add(index);
          default -> {}
        }
      }
      Integer other = toCancel.poll();
      if (other != null) {
        cancel(other);
      }
    }
  }

  private void drive(CountDownLatch workersDone) {
    while (workersDone.getCount() > 0) {
      clock.advance(Duration.ofNanos(QUARTER_MS));
      wheel.advance();
    }
  }

  private void cancel(int index) {
    if (wheel.cancel(entries[index])) {
      cancelled.set(index, 1);
    }
  }

  private void checkOutcome(int i) {
    WheelEntry entry = entries[i];
    int wakes = firstWakerWakes.get(i) + secondWakerWakes.get(i);
    String what = "timer " + i + " " + entry;
    assertThat(entry.isRegistered()).as(what).isFalse();
    if (pending.get(i) == 0) {
      assertThat(entry.isElapsed()).as(what + " due at once").isTrue();
      assertThat(wakes).as(what + " due at once").isZero();
    } else if (cancelled.get(i) == 1) {
      assertThat(entry.isElapsed()).as(what + " cancelled").isFalse();
      assertThat(wakes).as(what + " cancelled").isZero();
    } else {
      assertThat(entry.isElapsed()).as(what + " fired").isTrue();
      assertThat(wakes).as(what + " wakes").isEqualTo(1);
      if (sawElapsed.get(i) == 0) {
        assertThat(secondWakerWakes.get(i)).as(what + ": the swapped-in waker").isEqualTo(1);
      }
    }
  }

  private Thread start(Runnable body, CountDownLatch done, String name) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable failure) {
                failures.add(failure);
              } finally {
                done.countDown();
              }
            },
            name);
    thread.start();
    return thread;
  }
}
