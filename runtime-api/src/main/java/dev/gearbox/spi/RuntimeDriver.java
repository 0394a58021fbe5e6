package dev.gearbox.spi;

import dev.gearbox.io.driver.Reactor;
import dev.gearbox.io.driver.Registration;
import dev.gearbox.io.reactor.IoDriver;
import dev.gearbox.spi.sched.Parker;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Timer;
import dev.gearbox.time.TimerEntry;
import dev.gearbox.time.driver.TimerDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The timers and the I/O reactor of one runtime, and the park/unpark step its idle threads use to
 * drive them (Tokio's driver: the time driver around the I/O driver). Runtimes differ only in who
 * calls {@link #tryPark}: the thread in {@code blockOn}, the first worker to park, a dedicated
 * thread, or an executor's idle step.
 *
 * <p>It is the {@linkplain dev.gearbox.future.Context#driver() driver} a runtime's contexts hand
 * out: a {@link Timer} for time futures ({@code Timer.of(cx)}) and a {@link Reactor} for I/O
 * futures ({@code Reactor.of(cx)}).
 */
// Parker.Driver is exported to the runtime modules only: the parkers they share see it through it.
@SuppressWarnings("exports")
public final class RuntimeDriver implements Timer, Reactor, AutoCloseable, Parker.Driver {
  /*
   * Implementation notes: one thread drives at a time: tryPark takes `driving` with tryLock, so a
   * runtime whose idle workers race for the driver lets the losers park on their own. A park fires
   * what is due, then blocks in the selector until the next timer deadline (or the caller's bound),
   * an I/O event, or unpark() (a selector wakeup, callable from any thread, remembered if it comes
   * before the select), then fires what became due meanwhile. On a paused clock, real waiting never
   * moves time: the park waits only for events, unless the runtime says every task waits, in which
   * case the clock jumps to the next deadline (Tokio's auto-advance) and nothing blocks.
   */
  private final Clock clock;
  private final TimerDriver wheel;
  private final IoDriver reactor;
  private final ReentrantLock driving = new ReentrantLock();

  private static final BooleanSupplier ALWAYS_BLOCK = () -> true;

  /** Not inside a park: a registration needs no wake-up (the next park reads the wheel). */
  private static final long NOT_PARKED = Long.MIN_VALUE;

  /**
   * The clock reading the driving thread's park ends at: a timer registered before it wakes the
   * park. Written by the driving thread, read by registering threads.
   */
  private volatile long parkedUntil = NOT_PARKED;

  /**
   * Creates the driver, opening its selector.
   *
   * @param clock the runtime's clock; a {@link PausedClock} makes time move only by hand or by
   *     auto-advance
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public RuntimeDriver(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.wheel = TimerDriver.wheel(clock);
    try {
      this.reactor = IoDriver.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the I/O selector of a runtime", e);
    }
    if (clock instanceof PausedClock paused) {
      paused.onAdvance(this::unpark);
    }
  }

  /**
   * The runtime's clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Registers a timer; if it is due before the end of the park the driving thread is in (a timer
   * armed by another thread while the driver sleeps toward a later deadline), wakes that park.
   */
  @Override
  public boolean register(TimerEntry entry, long deadlineNanos) {
    boolean pending = wheel.register(entry, deadlineNanos);
    // parkedUntil is a wheel tick's start (nextDeadline): a deadline in that tick rounds up to
    // it, and waking the park for an entry it would fire anyway would cost a wake for nothing
    if (pending && wheel.dueAt(deadlineNanos) < parkedUntil) {
      unpark();
    }
    return pending;
  }

  @Override
  public boolean cancel(TimerEntry entry) {
    return wheel.cancel(entry);
  }

  @Override
  public TimerEntry newEntry() {
    return wheel.newEntry();
  }

  /** Registers {@code channel} with the runtime's selector reactor. */
  @Override
  public Registration register(SelectableChannel channel) throws IOException {
    return reactor.register(channel);
  }

  /**
   * The channels registered with the reactor and not yet deregistered, for metrics; and a runtime
   * that is never idle polls the selector while busy (a {@link #tryPark} with a zero bound) only
   * when some are.
   *
   * @return the count
   */
  public int ioRegistrations() {
    return reactor.registrations();
  }

  /**
   * Fires the timers that are due, without blocking. Runtimes that are never idle call this (and
   * {@link #tryPark} with a zero bound) regularly, so timers and I/O are seen while busy.
   *
   * @return the number of timers fired
   */
  public int fireDueTimers() {
    return wheel.advance();
  }

  /**
   * Drives timers and I/O and blocks until one of them, or {@link #unpark()}, has work for the
   * runtime, or {@code maxWaitNanos} passed. Returns at once if another thread is driving.
   *
   * @param maxWaitNanos the longest real wait; 0 to poll without blocking, {@link Long#MAX_VALUE}
   *     for no bound but the next timer
   * @param everyTaskWaits true when no task of the runtime can run: on a paused clock the clock
   *     then jumps to the next timer deadline
   * @return false if another thread was driving (the caller should park on its own)
   */
  public boolean tryPark(long maxWaitNanos, boolean everyTaskWaits) {
    return tryPark(maxWaitNanos, everyTaskWaits, ALWAYS_BLOCK);
  }

  /**
   * Like {@link #tryPark(long, boolean)}, but asks {@code mayBlock} first, once the calling thread
   * holds the driver and before it fires or waits for anything. A thread that wants {@link
   * #unpark()} to reach its own park announces the park in {@code mayBlock} (Tokio's order: take
   * the driver, then say so): an unpark sent on that announcement then lands on this thread's turn.
   * Announced before the driver is held, it could land on the turn of the thread driving at that
   * moment, be consumed there, and leave this thread blocked in its own select afterwards.
   *
   * @param maxWaitNanos as for {@link #tryPark(long, boolean)}
   * @param everyTaskWaits as for {@link #tryPark(long, boolean)}
   * @param mayBlock called once with the driver held; false (a wake-up came already) makes the park
   *     return at once, true lets it go on
   * @return false if another thread was driving ({@code mayBlock} was not called)
   */
  public boolean tryPark(long maxWaitNanos, boolean everyTaskWaits, BooleanSupplier mayBlock) {
    if (!driving.tryLock()) {
      return false;
    }
    try {
      if (!mayBlock.getAsBoolean()) {
        return true;
      }
      parkedUntil = TimerDriver.NO_DEADLINE; // from here on, any new timer wakes this park
      if (wheel.advance() > 0) {
        maxWaitNanos = 0;
      } else if (clock instanceof PausedClock paused && paused.isPaused()) {
        if (everyTaskWaits && paused.autoAdvanceTo(wheel.nextDeadline())) {
          maxWaitNanos = 0;
        }
      } else {
        long deadline = wheel.nextDeadline();
        if (deadline != TimerDriver.NO_DEADLINE) {
          parkedUntil = deadline;
          maxWaitNanos = Math.min(maxWaitNanos, Clock.nanosUntil(clock.nanoTime(), deadline));
        }
      }
      reactor.turn(maxWaitNanos);
      parkedUntil = NOT_PARKED;
      wheel.advance();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("the I/O selector of a runtime failed", e);
    } finally {
      driving.unlock();
    }
  }

  /**
   * Wakes the thread blocked in {@link #tryPark}, or makes the next park return at once. It reaches
   * whichever thread drives: the one driving now, or, if nobody does, the next one. A wake-up aimed
   * at one particular thread is therefore sent only once that thread announced, while holding the
   * driver, that it parks in it (the {@code mayBlock} of {@link #tryPark(long, boolean,
   * BooleanSupplier)}); and since a turn that ends forgets a wake-up that came during it, the woken
   * thread re-checks its own state after every park.
   */
  public void unpark() {
    reactor.wakeup();
  }

  /**
   * When the earliest pending timer becomes due, as a reading of {@link #clock()}: for a runtime
   * that must wait for timers without the selector (after {@link #close()}). Constant time.
   *
   * @return a reading never later than the earliest deadline, or {@link TimerDriver#NO_DEADLINE}
   */
  public long nextTimerDeadline() {
    return wheel.nextDeadline();
  }

  /**
   * Whether {@link #close()} was called. After it, {@link #tryPark} still fires timers but never
   * blocks, so a runtime that keeps threads waiting on timers parks them by other means.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return reactor.isClosed();
  }

  /**
   * Timers waiting to fire, for metrics.
   *
   * @return the count
   */
  public int pendingTimers() {
    return wheel.size();
  }

  /** Closes the reactor: futures waiting on I/O fail with "reactor closed". */
  @Override
  public void close() {
    reactor.close();
  }
}
