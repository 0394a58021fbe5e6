package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.sched.Parker;
import dev.gearbox.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Two workers' parkers sharing one driver: one drives (blocks in the selector), the other parks on
 * its thread, and unparks reach each of them whichever way it parked. The race this watches: a
 * worker that announced a park in the driver before holding it let an unpark land on the other
 * worker's turn, then took the driver itself and blocked in the selector with the unpark pending.
 */
class ParkerTest {
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long WAKE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void everyUnparkEndsAParkWhileTheDriverChangesHands() throws Exception {
    try (RuntimeDriver driver = new RuntimeDriver(Clock.system())) {
      Parker[] parkers = new Parker[2];
      AtomicLongArray returns = new AtomicLongArray(2);
      CountDownLatch ready = new CountDownLatch(2);
      AtomicBoolean stop = new AtomicBoolean();
      Thread[] owners = new Thread[2];
      for (int i = 0; i < 2; i++) {
        int me = i;
        owners[i] =
            new Thread(
                () -> {
                  parkers[me] = new Parker(Thread.currentThread());
                  ready.countDown();
                  while (!stop.get()) {
                    parkers[me].park(driver, false);
                    returns.incrementAndGet(me);
                  }
                },
                "parker-test-owner-" + i);
        owners[i].setDaemon(true);
        owners[i].start();
      }
      ready.await();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long end = System.nanoTime() + RUN_NANOS;
      long rounds = 0;
      try {
        while (System.nanoTime() < end) {
          int target = random.nextInt(2);
          long before = returns.get(target);
          parkers[target].unpark();
          if (random.nextBoolean()) {
            parkers[1 - target].unpark(); // the other one's turn ends at the same time
          }
          long deadline = System.nanoTime() + WAKE_LIMIT_NANOS;
          while (returns.get(target) == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
          assertThat(returns.get(target))
              .as("parker %d woken after %d rounds", target, rounds)
              .isGreaterThan(before);
          rounds++;
          LockSupport.parkNanos(random.nextLong(20_000)); // let both park again, in either order
        }
      } finally {
        stop.set(true); // park clears interrupts, so a flag ends the owners
        for (Parker parker : parkers) {
          parker.unpark();
        }
        for (Thread owner : owners) {
          owner.join(TimeUnit.SECONDS.toMillis(5));
          assertThat(owner.isAlive()).as("%s ended", owner.getName()).isFalse();
        }
      }
      assertThat(rounds).isPositive();
    }
  }
}
