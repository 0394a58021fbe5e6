package dev.gearbox.future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gearbox.spi.ParkingWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AtomicWakerTest {
  private static final Duration STRESS_LIMIT = Duration.ofSeconds(30);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(5);

  @Test
  void wakeWakesTheRegisteredWakerOnce() {
    AtomicWaker slot = new AtomicWaker();
    CountingWaker waker = new CountingWaker();
    slot.register(waker);
    slot.wake();
    slot.wake();
    assertThat(waker.wakes()).isEqualTo(1);
  }

  @Test
  void wakeWithNothingRegisteredDoesNothing() {
    AtomicWaker slot = new AtomicWaker();
    slot.wake();
    CountingWaker waker = new CountingWaker();
    slot.register(waker);
    assertThat(waker.wakes()).as("a wake before register is not remembered").isZero();
  }

  @Test
  void theLatestRegistrationWins() {
    AtomicWaker slot = new AtomicWaker();
    CountingWaker first = new CountingWaker();
    CountingWaker second = new CountingWaker();
    slot.register(first);
    slot.register(second);
    slot.wake();
    assertThat(first.wakes()).isZero();
    assertThat(second.wakes()).isEqualTo(1);
  }

  @Test
  void takeRemovesWithoutWaking() {
    AtomicWaker slot = new AtomicWaker();
    CountingWaker waker = new CountingWaker();
    slot.register(waker);
    assertThat(slot.take()).isSameAs(waker);
    assertThat(slot.take()).isNull();
    slot.wake();
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void aWakeDuringRegistrationWakesTheNewWaker() {
    // The old waker's willWake runs while register holds the slot: a wake from there is exactly
    // a wake that races with the registration.
    AtomicWaker slot = new AtomicWaker();
    CountingWaker fresh = new CountingWaker();
    Waker intruding =
        new Waker() {
          @Override
          public void wake() {}

          @Override
          public boolean willWake(Waker other) {
            slot.wake();
            return false;
          }
        };
    slot.register(intruding);
    slot.register(fresh);
    assertThat(fresh.wakes()).isEqualTo(1);
    slot.wake();
    assertThat(fresh.wakes()).as("the slot is empty again").isEqualTo(1);
  }

  @Test
  void aRegistrationFromInsideAWakeIsKeptForTheNextWake() {
    // The old waker is out of the slot when its wake() runs, so a registration from there is an
    // ordinary one. (The WAKING window itself is exercised by the stress tests below.)
    AtomicWaker slot = new AtomicWaker();
    CountingWaker fresh = new CountingWaker();
    Waker reentrant = () -> slot.register(fresh);
    slot.register(reentrant);
    slot.wake();
    assertThat(fresh.wakes()).isZero();
    slot.wake();
    assertThat(fresh.wakes()).isEqualTo(1);
  }

  @Test
  void concurrentRegistrationIsReported() {
    AtomicWaker slot = new AtomicWaker();
    Waker nested =
        new Waker() {
          @Override
          public void wake() {}

          @Override
          public boolean willWake(Waker other) {
            slot.register(Waker.noop());
            return false;
          }
        };
    slot.register(nested);
    assertThatThrownBy(() -> slot.register(Waker.noop())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pingPongBetweenTwoThreadsLosesNoWakeUp() {
    int rounds = 50_000;
    AtomicLong ball = new AtomicLong();
    AtomicWaker[] slots = {new AtomicWaker(), new AtomicWaker()};
    assertTimeoutPreemptively(
        STRESS_LIMIT,
        () -> {
          long deadline = System.nanoTime() + STRESS_LIMIT.toNanos();
          CompletableFuture<Void> other =
              CompletableFuture.runAsync(() -> play(1, rounds, ball, slots, deadline));
          play(0, rounds, ball, slots, deadline);
          other.get(STRESS_LIMIT.toSeconds(), TimeUnit.SECONDS);
          assertThat(ball.get()).isEqualTo(2L * rounds);
        });
  }

  /** Player {@code me} waits until the ball is even (me = 0) or odd (me = 1), then hits it. */
  private static void play(
      int me, int rounds, AtomicLong ball, AtomicWaker[] slots, long deadline) {
    ParkingWaker waker = new ParkingWaker();
    for (int round = 0; round < rounds; round++) {
      while (ball.get() % 2 != me) {
        slots[me].register(waker);
        if (ball.get() % 2 == me) {
          break;
        }
        if (!waker.park(Math.min(deadline, System.nanoTime() + STALL_LIMIT.toNanos()))) {
          throw new AssertionError("lost wake-up: player " + me + " stuck at " + ball.get());
        }
      }
      ball.incrementAndGet();
      slots[1 - me].wake();
    }
  }

  @Test
  void manyWakersAndOneRegistrarLoseNoWakeUp() {
    int wakers = 3;
    int perWaker = 200_000;
    AtomicWaker slot = new AtomicWaker();
    AtomicLong events = new AtomicLong();
    assertTimeoutPreemptively(
        STRESS_LIMIT,
        () -> {
          long deadline = System.nanoTime() + STRESS_LIMIT.toNanos();
          List<Thread> threads = new ArrayList<>();
          for (int index = 0; index < wakers; index++) {
            threads.add(
                Thread.ofPlatform()
                    .start(
                        () -> {
                          for (int event = 0; event < perWaker; event++) {
                            events.incrementAndGet();
                            slot.wake();
                          }
                        }));
          }
          SlowToCompareWaker waker = new SlowToCompareWaker(new ParkingWaker());
          long target = (long) wakers * perWaker;
          long registrations = 0;
          while (true) {
            slot.register(waker);
            registrations++;
            long seen = events.get();
            if (seen == target) {
              break;
            }
            if (!waker.parking.park(
                Math.min(deadline, System.nanoTime() + STALL_LIMIT.toNanos()))) {
              throw new AssertionError("lost wake-up at " + seen + " of " + target + " events");
            }
          }
          for (Thread thread : threads) {
            thread.join();
          }
          assertThat(registrations).isPositive();
        });
  }

  /**
   * Wakes a parking thread, and spins a little in {@code willWake}, which register calls while it
   * holds the slot: it widens the window in which a concurrent wake must be handed over.
   */
  private record SlowToCompareWaker(ParkingWaker parking) implements Waker {
    private static final int SPINS = 64;

    @Override
    public void wake() {
      parking.wake();
    }

    @Override
    public boolean willWake(Waker other) {
      for (int spin = 0; spin < SPINS; spin++) {
        Thread.onSpinWait();
      }
      return false;
    }
  }
}
