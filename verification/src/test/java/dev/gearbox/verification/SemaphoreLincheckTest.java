package dev.gearbox.verification;

import dev.gearbox.sync.Semaphore;
import dev.gearbox.sync.SemaphorePermit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: the lock-free fast paths of {@link Semaphore} (tryAcquire, release with nobody waiting,
 * the permit count) are linearizable against a sequential counter. {@code Mutex.tryLock} and {@code
 * RwLock.tryRead/tryWrite} are this same CAS on a semaphore. Waiting acquires are covered by the
 * stress and conformance tests: a waiter holds partial permits for a while by design, which a
 * linearizable counter cannot describe, and a held lock makes a concurrent tryLock fail where no
 * sequential run would.
 */
@Param(name = "permits", gen = IntGen.class, conf = "1:2")
public class SemaphoreLincheckTest {
  private final Semaphore semaphore = new Semaphore(2);

  @Operation
  public boolean tryAcquire(@Param(name = "permits") int permits) {
    SemaphorePermit permit = semaphore.tryAcquire(permits);
    return permit != null;
  }

  @Operation
  public void release(@Param(name = "permits") int permits) {
    semaphore.release(permits);
  }

  @Operation
  public int availablePermits() {
    return semaphore.availablePermits();
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions().iterations(8).invocationsPerIteration(100).check(getClass());
  }

  @Test
  void stress() {
    new StressOptions().iterations(1).invocationsPerIteration(100).check(getClass());
  }
}
