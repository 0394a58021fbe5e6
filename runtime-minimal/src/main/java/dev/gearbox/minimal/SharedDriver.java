package dev.gearbox.minimal;

import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.sched.Parker;
import dev.gearbox.time.PausedClock;
import java.util.function.BooleanSupplier;

/**
 * The timers and I/O reactor of a minimal runtime (its {@link RuntimeDriver}) as the threads of its
 * executor drive them, after smol's {@code async-io}: a runner with nothing to run waits in the
 * driver instead of parking, one runner at a time, with the next timer deadline as timeout; a busy
 * runner polls the driver every few ticks; and a fallback thread, started lazily, drives it while
 * no thread runs the executor.
 */
final class SharedDriver {
  /*
   * Implementation notes.
   *
   * Who drives: RuntimeDriver.tryPark admits one thread at a time (tryLock). An idle runner calls
   * park(): it waits in the driver through its Parker (Parker.parkInDriver), or, if another
   * thread drives, parks on its Parker as before. The fallback thread drives only while the
   * executor has no runner; when a runner registers it unparks the fallback, which leaves the
   * driver and parks until the last runner leaves.
   *
   * Wake-ups: every way of giving a runner work ends in Parker.unpark (Idle.notifyOne after a
   * schedule, a wake of a blockOn future, close); Parker.unpark wakes the driver when its owner is
   * inside it (see Parker), so a schedule while a runner blocks in the selector wakes it.
   *
   * Handover: a thread that leaves the driver and does not come straight back to park (a runner
   * that found work, one that leaves run(), the fallback stepping down) calls
   * Idle.notifyOne(). So if a runner parked because the driver was taken, either it is woken
   * to try again, or another runner is already notified and will park, taking the free driver;
   * timers and I/O are never left undriven while a runner waits.
   *
   * Paused clock (Tokio's start_paused): the clock jumps to the next timer only when every task
   * waits (ExecutorState.everyTaskWaits) and the blocking pool is idle (a blocking call may be
   * about to wake a task, as Tokio inhibits auto-advance during spawn_blocking). Whether every task
   * waits can change without a wake: a runner finishes its task and parks while another drives
   * without jumping. So a runner that fails to take the driver on a paused clock calls
   * driver.unpark(): the driving runner comes back, finds nothing to run and parks again, this time
   * seeing every task waiting. While only the blocking pool inhibits the jump, the driver waits at
   * most INHIBITED_WAIT_NANOS at a time and looks again.
   *
   * After close the selector is gone and tryPark never blocks, and no runner waits any more: the
   * executor closed first, so runners started for its life leave and callers of blockOn throw
   * RuntimeClosedException (see Runner). A runner that parks after close consumes the grant the
   * executor's close gave it, and looks again.
   *
   * Fields: `driver`, `state`, `pausedClock` final; `closed` any thread; `fallback` under
   * `fallbackLock`; `fallbackParker` written by the fallback thread, read by any thread.
   */
  private static final long INHIBITED_WAIT_NANOS = 10_000_000L;

  private final RuntimeDriver driver;
  private final ExecutorState state;
  private final BooleanSupplier blockingIdle;
  private final String fallbackName;
  private final PausedClock pausedClock;
  private final Object fallbackLock = new Object();
  private Thread fallback;
  private volatile Parker fallbackParker;
  private volatile boolean closed;

  /**
   * Creates the driving side of {@code driver} for the executor whose shared state is {@code
   * state}.
   *
   * @param blockingIdle whether the runtime's blocking pool has no task (paused-clock jumps wait
   *     for it)
   * @param fallbackName the name of the fallback thread, if it starts
   */
  SharedDriver(
      RuntimeDriver driver,
      ExecutorState state,
      BooleanSupplier blockingIdle,
      String fallbackName) {
    this.driver = driver;
    this.state = state;
    this.blockingIdle = blockingIdle;
    this.fallbackName = fallbackName;
    this.pausedClock = driver.clock() instanceof PausedClock paused ? paused : null;
  }

  RuntimeDriver driver() {
    return driver;
  }

  /**
   * For a runner with nothing to run: waits in the driver, or parks if another thread drives, until
   * its parker is unparked, a timer fires or an I/O event comes. Runner thread only.
   */
  void park(Parker parker) {
    if (closed) {
      parker.park(); // granted by the executor's close: see the notes
      return;
    }
    if (pausedClock == null || !pausedClock.isPaused()) {
      if (!parker.parkInDriver(driver, Long.MAX_VALUE, false)) {
        parker.park();
      }
      return;
    }
    boolean everyTaskWaits = state.everyTaskWaits();
    boolean inhibited = everyTaskWaits && !blockingIdle.getAsBoolean();
    long maxWait = inhibited ? INHIBITED_WAIT_NANOS : Long.MAX_VALUE;
    if (!parker.parkInDriver(driver, maxWait, everyTaskWaits && !inhibited)) {
      driver.unpark(); // the driving thread may be waiting for a task that now waits: look again
      parker.park();
    }
  }

  /** For a busy runner, every few ticks: fires due timers and wakes tasks whose I/O is ready. */
  void pollWhileBusy() {
    if (!closed) {
      driver.tryPark(0, false);
    }
  }

  /** After a runner registered: the fallback thread leaves the driver to the runners. */
  void onRunnerRegistered() {
    Parker parker = fallbackParker;
    if (parker != null) {
      parker.unpark();
    }
  }

  /** After a runner left: with none left, the fallback thread drives (started if tasks wait). */
  void onRunnerLeft(int runnersLeft) {
    state.idle.notifyOne(); // hand the driver over to a runner parked without it
    if (runnersLeft > 0 || closed || state.isClosed()) {
      return; // runners drive; or the runtime is shutting down: no fallback to start
    }
    Parker parker = fallbackParker;
    if (parker != null) {
      parker.unpark();
    } else if (state.aliveTasks() > 0) {
      startFallback();
    }
  }

  private void startFallback() {
    synchronized (fallbackLock) {
      if (fallback != null || closed) {
        return;
      }
      fallback = Thread.ofPlatform().daemon().name(fallbackName).unstarted(this::runFallback);
      fallback.start();
    }
  }

  private void runFallback() {
    Parker parker = new Parker(Thread.currentThread());
    fallbackParker = parker;
    while (!closed) {
      if (state.runners().length > 0) {
        state.idle.notifyOne(); // a runner may have parked while this thread held the driver
        parker.park();
        continue;
      }
      boolean everyTaskWaits =
          pausedClock != null && state.everyTaskWaits() && blockingIdle.getAsBoolean();
      if (!parker.parkInDriver(driver, Long.MAX_VALUE, everyTaskWaits)) {
        parker.park();
      }
    }
  }

  /** The fallback thread, if it was started. */
  Thread fallbackThread() {
    synchronized (fallbackLock) {
      return fallback;
    }
  }

  /**
   * Closes the driver: futures waiting on I/O fail with "reactor closed"; the fallback thread ends;
   * runners still inside {@code blockOn} go on firing their timers without the selector.
   * Idempotent.
   */
  void close() {
    synchronized (fallbackLock) {
      closed = true;
    }
    driver.close();
    Parker parker = fallbackParker;
    if (parker != null) {
      parker.unpark();
    }
    for (Runner runner : state.runners()) {
      runner.unpark();
    }
  }
}
