package dev.gearbox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gearbox.future.Future;
import dev.gearbox.future.ParkingDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Threads driving acquire futures by parking: the permits in use never exceed the semaphore's,
 * writes under a {@link Mutex} are never lost, and waiters dropped at random lose no permit.
 * Bounded by a count and a deadline.
 */
class SemaphoreStressTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 100_000;
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void permitsInUseNeverExceedTheSemaphoreAndNoneIsLost() {
    assertTimeoutPreemptively(LIMIT, this::runSemaphore);
  }

  @Test
  void aMutexLosesNoIncrement() {
    assertTimeoutPreemptively(LIMIT, this::runMutex);
  }

  private void runSemaphore() throws Exception {
    int permits = 3;
    Semaphore semaphore = new Semaphore(permits);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger maxInUse = new AtomicInteger();
    runOnThreads(
        (thread, driver) -> {
          for (int round = 0; round < ROUNDS; round++) {
            int want = 1 + (round + thread) % 2;
            SemaphorePermit permit = acquireDroppingSome(driver, semaphore, want, round);
            int now = inUse.addAndGet(want);
            maxInUse.accumulateAndGet(now, Math::max);
            inUse.addAndGet(-want);
            permit.close();
          }
        });
    assertThat(maxInUse.get()).isLessThanOrEqualTo(permits);
    assertThat(semaphore.availablePermits()).as("every permit came back").isEqualTo(permits);
  }

  private void runMutex() throws Exception {
    Mutex<long[]> mutex = new Mutex<>(new long[1]);
    runOnThreads(
        (thread, driver) -> {
          for (int round = 0; round < ROUNDS; round++) {
            Mutex.Guard<long[]> guard = mutex.tryLock();
            if (guard == null) {
              guard = driver.await(mutex.lock());
            }
            try (Mutex.Guard<long[]> held = guard) {
              held.get()[0]++;
            }
          }
        });
    try (Mutex.Guard<long[]> guard = mutex.tryLock()) {
      assertThat(guard.get()[0]).isEqualTo((long) THREADS * ROUNDS);
    }
  }

  /** Every fourth wait is dropped after its first wake, and the acquire starts over. */
  private static SemaphorePermit acquireDroppingSome(
      ParkingDriver driver, Semaphore semaphore, int want, int round) throws Exception {
    for (int attempt = 0; ; attempt++) {
      Future<SemaphorePermit> acquire = semaphore.acquire(want);
      var poll = driver.pollOnce(acquire);
      if (poll.isReady()) {
        return poll.value();
      }
      if ((round + attempt) % 4 != 0) {
        return driver.await(acquire);
      }
      driver.parkUntilWoken(acquire); // likely granted by now: drop it anyway
      acquire.drop();
    }
  }

  /** The body of one stress thread. */
  private interface Body {
    void run(int thread, ParkingDriver driver) throws Exception;
  }

  private static void runOnThreads(Body body) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int id = thread;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    body.run(id, new ParkingDriver(deadline));
                  } catch (Exception e) {
                    throw new AssertionError("stress thread " + id + " failed", e);
                  }
                },
                threads));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    } finally {
      threads.shutdownNow();
    }
  }
}
