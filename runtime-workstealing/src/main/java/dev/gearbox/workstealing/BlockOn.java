package dev.gearbox.workstealing;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.Reactor;
import dev.gearbox.spi.ParkingWaker;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Timer;
import dev.gearbox.time.TimerWheel;
import java.util.concurrent.CompletionException;

/**
 * Runs a future on the calling thread, outside the workers ({@code Runtime.blockOn}): polls it,
 * parks until its waker is woken, polls again. Its context reaches the runtime's timers and
 * reactor, and gives each poll the same cooperative budget a task gets.
 */
final class BlockOn implements Context {
  /*
   * Implementation notes: one instance per call, confined to the calling thread except for the
   * waker (a ParkingWaker, woken from any thread). While the future is being polled the scheduler
   * counts the call as busy, so a paused clock does not auto-advance under it. An interrupt of the
   * calling thread does not end the call (the future decides when it is done): it is cleared while
   * parking and restored on return.
   */
  /** The longest sleep toward a timer after shutdown, between looks at the clock. */
  private static final long SHUTDOWN_TIMER_STEP_NANOS = 10_000_000;

  private final WorkStealingScheduler scheduler;
  private final RuntimeDriver driver;
  private final ParkingWaker waker = new ParkingWaker();
  private int budget;

  private BlockOn(WorkStealingScheduler scheduler) {
    this.scheduler = scheduler;
    this.driver = scheduler.driver;
  }

  static <T> T run(Future<T> future, WorkStealingScheduler scheduler) {
    return new BlockOn(scheduler).drive(future);
  }

  private <T> T drive(Future<T> future) {
    boolean interrupted = false;
    scheduler.blockOnWaiters.add(waker);
    try {
      while (true) {
        if (poll(future) instanceof Poll.Ready<T>(T value)) {
          return value;
        }
        while (!waitForWake()) {
          interrupted |= Thread.interrupted();
        }
      }
    } finally {
      scheduler.blockOnWaiters.remove(waker);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Parks until the waker is woken. After shutdown no worker drives the timers any more, so the
   * caller fires them itself and sleeps toward the next one (at most {@link
   * #SHUTDOWN_TIMER_STEP_NANOS} at a time, so a paused clock advanced by hand is seen too);
   * shutdown wakes every caller in here so none sleeps through that change.
   *
   * @return true to poll the future again, false if the park was interrupted
   */
  private boolean waitForWake() {
    if (!scheduler.isShutdown()) {
      return waker.park(Long.MAX_VALUE);
    }
    driver.fireDueTimers();
    long next = driver.nextTimerDeadline();
    if (next == TimerWheel.NO_DEADLINE) {
      return waker.park(Long.MAX_VALUE);
    }
    long wait = Clock.nanosUntil(driver.clock().nanoTime(), next);
    waker.park(System.nanoTime() + Math.min(wait, SHUTDOWN_TIMER_STEP_NANOS));
    return true;
  }

  private <T> Poll<T> poll(Future<T> future) {
    budget = TaskPoller.BUDGET;
    scheduler.blockOnPollStarted();
    try {
      return future.poll(this);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    } finally {
      scheduler.blockOnPollEnded();
    }
  }

  @Override
  public Waker waker() {
    return waker;
  }

  @Override
  public Timer timer() {
    return driver.timer();
  }

  @Override
  public Reactor reactor() {
    return driver.reactor();
  }

  @Override
  public boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    return false;
  }
}
