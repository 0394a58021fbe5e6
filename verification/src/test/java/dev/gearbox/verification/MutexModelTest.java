package dev.gearbox.verification;

import static dev.gearbox.verification.ModelCheck.blockOn;
import static dev.gearbox.verification.ModelCheck.check;

import dev.gearbox.sync.Mutex;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model check of {@link Mutex}'s waiter queue (the semaphore's FIFO {@code WaitQueue} beside its
 * lock-free release): a locker that waits is woken when the holder releases from another thread,
 * and no thread hangs.
 */
public class MutexModelTest {
  private final Mutex<int[]> mutex = new Mutex<>(new int[1]);
  private final int[] holders = new int[1];
  private Mutex.Guard<int[]> held;

  /** Takes the lock before the threads start. */
  @Operation
  public void holdLock() {
    held = mutex.tryLock();
    check(held != null, "the lock was taken");
  }

  /** Releases the lock taken by {@link #holdLock}. */
  @Operation
  public void release() {
    held.close();
  }

  /** Waits for the lock (parking until woken), increments under it, releases it. */
  @Operation
  public void lockAndIncrement() {
    try (Mutex.Guard<int[]> guard = blockOn(mutex.lock())) {
      holders[0]++;
      check(holders[0] == 1, "two holders at once");
      guard.get()[0]++;
      holders[0]--;
    }
  }

  /** After the threads: the mutex is free and no increment was lost. */
  @Validate
  public void unlockedAndCounted() {
    Mutex.Guard<int[]> last = mutex.tryLock();
    check(last != null, "the mutex stayed locked");
    int increments = last.get()[0];
    check(increments == 1, "an increment was lost: " + increments);
  }

  /** The holder's release on one thread wakes the locker waiting on another. */
  @Test
  void releaseWakesTheWaitingLocker() {
    Scenario.of(getClass())
        .initially("holdLock")
        .thread("lockAndIncrement")
        .thread("release")
        .check(60);
  }
}
