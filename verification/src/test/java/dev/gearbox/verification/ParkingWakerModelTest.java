package dev.gearbox.verification;

import static dev.gearbox.verification.ModelCheck.check;

import dev.gearbox.spi.ParkingWaker;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model check of {@link ParkingWaker}, the park/notify pair of every {@code blockOn}: the owner
 * parks until it sees work published by another thread, which then wakes it. The wake, before,
 * during or after the owner's park, is never lost, and each wake is consumed once.
 */
public class ParkingWakerModelTest {
  private final AtomicInteger published = new AtomicInteger();
  private volatile ParkingWaker waker;
  private int seen;

  /** Makes the waker on the thread that will own it. */
  @Operation
  public void create() {
    waker = new ParkingWaker();
  }

  /** The owner: parks, as blockOn does, until it sees the published work. */
  @Operation
  public void awaitWork() {
    while (published.get() < 2) {
      check(waker.park(Long.MAX_VALUE), "park returned without a wake");
    }
    seen = published.get();
  }

  /** Another thread publishes work, then wakes the owner. */
  @Operation
  public void publishAndWake() {
    ParkingWaker owner = waker;
    while (owner == null) { // the owner makes it on its own thread: wait for that
      Thread.onSpinWait();
      owner = waker;
    }
    published.incrementAndGet();
    owner.wake();
  }

  /** After the threads: the owner saw all the work. */
  @Validate
  public void sawTheWork() {
    check(seen == 2, "the owner saw " + seen);
  }

  @Test
  void wakesFromOtherThreadsEndThePark() {
    Scenario.of(getClass())
        .thread("create", "awaitWork")
        .thread("publishAndWake")
        .thread("publishAndWake")
        .check(40);
  }
}
