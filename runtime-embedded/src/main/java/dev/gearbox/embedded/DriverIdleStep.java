package dev.gearbox.embedded;

import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.time.PausedClock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The idle step of the {@code embedded} runtime's executor: wait in the runtime's {@link
 * RuntimeDriver} (its timer wheel and I/O selector), as the thread in minimal's {@code blockOn}
 * does. While busy, due wheel timers fire, and the selector is polled, every {@value
 * #EVENT_INTERVAL} polls. After shutdown closed the driver, the executor runs on only for {@code
 * blockOn} futures, parking its thread until the next timer.
 */
final class DriverIdleStep implements IdleStep {
  /** Polls between two looks at timers and I/O while busy (Tokio's event interval). */
  private static final int EVENT_INTERVAL = 61;

  private final RuntimeDriver driver;
  private final ClockTimeDriver time;
  private final BlockingPool blocking;
  private final AtomicInteger blockOns;
  private final BooleanSupplier mayBlock;
  private EmbeddedExecutor executor;
  private int sinceCheck;

  DriverIdleStep(
      RuntimeDriver driver, ClockTimeDriver time, BlockingPool blocking, AtomicInteger blockOns) {
    this.driver = driver;
    this.time = time;
    this.blocking = blocking;
    this.blockOns = blockOns;
    this.mayBlock = () -> executor.runQueueIsEmpty();
  }

  void bind(EmbeddedExecutor owner) {
    executor = owner;
  }

  @Override
  public void park(EmbeddedExecutor owner, long maxNanos) {
    if (driver.isClosed()) {
      if (!owner.runQueueIsEmpty() || (owner.isClosed() && !keepRunningAfterClose())) {
        return; // a signal sent while the driver was open went to the selector: see signal()
      }
      long deadline = driver.nextTimerDeadline();
      long wait = maxNanos;
      if (deadline != Long.MAX_VALUE) {
        wait = Math.min(wait, Math.max(0, deadline - driver.clock().nanoTime()));
      }
      if (wait == Long.MAX_VALUE) {
        LockSupport.park(owner);
      } else if (wait > 0) {
        LockSupport.parkNanos(owner, wait);
      }
      driver.fireDueTimers();
      return;
    }
    boolean everyTaskWaits = blocking.aliveTasks() == 0;
    if (everyTaskWaits && autoAdvanceToEmbeddedTimer(owner)) {
      return;
    }
    driver.tryPark(maxNanos, everyTaskWaits, mayBlock);
    sinceCheck = 0;
  }

  /**
   * On a paused clock with every task waiting, jumps to the executor's earliest embedded timer when
   * it comes before the wheel's (the wheel's own jump is the driver's).
   */
  private boolean autoAdvanceToEmbeddedTimer(EmbeddedExecutor owner) {
    if (!(time.clock() instanceof PausedClock paused) || !paused.isPaused()) {
      return false;
    }
    long earliest = owner.earliestTimer();
    if (earliest == TimeDriver.NEVER) {
      return false;
    }
    long nanos = time.clockNanosAt(earliest);
    return nanos < driver.nextTimerDeadline() && paused.autoAdvanceTo(nanos);
  }

  /**
   * Wakes the executor: through the selector while the driver is open, through the thread's permit
   * once it closed. A signal that read the driver open can meet a wait that reads it closed and
   * parks the thread, which the selector's wake-up does not reach; so that wait first looks again
   * at what a signal announces (a queued task, or the close of the executor), both written before
   * the signal reads the driver's state and so seen by a wait that read the state later.
   */
  @Override
  public void signal(EmbeddedExecutor owner) {
    driver.unpark();
    Thread thread = owner.thread();
    if (thread != null && driver.isClosed()) {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void afterBatch(int polled) {
    sinceCheck += polled;
    if (sinceCheck >= EVENT_INTERVAL) {
      sinceCheck = 0;
      if (driver.ioRegistrations() > 0 && !driver.isClosed()) {
        driver.tryPark(0, false);
      } else {
        driver.fireDueTimers();
      }
    }
  }

  @Override
  public boolean keepRunningAfterClose() {
    return blockOns.get() > 0;
  }
}
