package dev.gearbox.embedded;

import static dev.gearbox.spi.sched.Fairness.EVENT_INTERVAL;

import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.time.PausedClock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The idle step of the {@code embedded} runtime's executor: wait in the runtime's {@link
 * RuntimeDriver} (its timer wheel and I/O selector), as the thread in minimal's {@code blockOn}
 * does. While busy, due wheel timers fire, and the selector is polled, every {@value
 * dev.gearbox.spi.sched.Fairness#EVENT_INTERVAL} polls (Tokio's event interval). After shutdown the
 * executor runs on only while {@code blockOn} futures are outstanding, to cancel them (see {@link
 * #keepRunningAfterClose()}).
 */
final class DriverIdleStep implements IdleStep {
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
   * Wakes the executor through the selector. The driver is open for as long as the executor runs:
   * only the executor thread closes it, after its loop.
   */
  @Override
  public void signal(EmbeddedExecutor owner) {
    driver.unpark();
  }

  @Override
  public void afterBatch(int polled) {
    sinceCheck += polled;
    if (sinceCheck >= EVENT_INTERVAL) {
      sinceCheck = 0;
      if (driver.ioRegistrations() > 0) {
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
