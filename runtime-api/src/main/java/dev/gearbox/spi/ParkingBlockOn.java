package dev.gearbox.spi;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.spi.sched.CoopBudget;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * {@code Runtime.blockOn} for a runtime whose workers run elsewhere: polls the future on the
 * calling thread, parks until its waker is woken, polls again. Its context reaches the runtime's
 * timers and reactor, and gives each poll the same cooperative budget a task gets. The runtime's
 * scheduler is its {@link Host}.
 */
public final class ParkingBlockOn implements Context {
  /*
   * Implementation notes: one instance per call, confined to the calling thread except for the
   * waker (a ParkingWaker, woken from any thread). While the future is being polled the host counts
   * the call as busy (pollStarted/pollEnded), so a paused clock does not auto-advance under it. An
   * interrupt of the calling thread does not end the call (the future decides when it is done): it
   * is cleared while parking and restored on return. At shutdown the host wakes every registered
   * waiter; a waiter that wakes (or is about to park) once the workers stopped throws
   * RuntimeClosedException without polling its future again, as a task is cancelled at shutdown.
   * The check comes after the waiter registered and before it parks, and shutdown sets the flag
   * before it wakes the waiters, so no caller parks through a shutdown.
   */

  /**
   * What {@link ParkingBlockOn} needs of a runtime's scheduler. Called from the threads inside
   * {@code blockOn}, concurrently.
   */
  public interface Host {
    /**
     * The runtime's driver, whose timers and reactor the future uses.
     *
     * @return the driver
     */
    RuntimeDriver driver();

    /**
     * Whether the workers stopped (shutdown began): from then on a caller that waits throws {@link
     * RuntimeClosedException}. Set before the waiters are woken.
     *
     * @return true once shut down
     */
    boolean workersStopped();

    /**
     * The runtime's kind, for the message of {@link RuntimeClosedException}.
     *
     * @return the kind
     */
    String runtimeKind();

    /**
     * Registers the waker of a caller inside {@code blockOn}; shutdown must wake it.
     *
     * @param waker the caller's waker
     */
    void addBlockOnWaiter(ParkingWaker waker);

    /**
     * Removes a waker added by {@link #addBlockOnWaiter}, as its call returns.
     *
     * @param waker the caller's waker
     */
    void removeBlockOnWaiter(ParkingWaker waker);

    /** A poll of a {@code blockOn} future starts: the runtime counts as busy until it ends. */
    void pollStarted();

    /** The poll announced by {@link #pollStarted} ended. */
    void pollEnded();
  }

  private final Host host;
  private final RuntimeDriver driver;
  private final ParkingWaker waker = new ParkingWaker();
  private int budget;
  private boolean interrupted;

  private ParkingBlockOn(Host host) {
    this.host = host;
    this.driver = host.driver();
  }

  /**
   * Polls {@code future} on the calling thread until it is ready. The caller does the guards of
   * {@code Runtime.blockOn} (not inside a task, not shut down) and enters the runtime first. An
   * interrupt does not end the wait; the thread's interrupt status is restored on return.
   *
   * @param future the future to run
   * @param host the runtime's scheduler
   * @param <T> the output type
   * @return the future's output
   * @throws RuntimeClosedException if the runtime shuts down before the future completes
   * @throws RuntimeException or {@link Error} as thrown by the future's poll
   * @throws CompletionException wrapping a checked exception thrown by the poll
   */
  public static <T> T run(Future<T> future, Host host) {
    Objects.requireNonNull(future, "future");
    return new ParkingBlockOn(Objects.requireNonNull(host, "host")).drive(future);
  }

  private <T> T drive(Future<T> future) {
    host.addBlockOnWaiter(waker);
    try {
      while (true) {
        if (poll(future) instanceof Poll.Ready<T>(T value)) {
          return value;
        }
        awaitWake();
      }
    } finally {
      host.removeBlockOnWaiter(waker);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Parks until the waker is woken; an interrupt is noted and the park goes on.
   *
   * @throws RuntimeClosedException once the runtime shut down, before parking or when woken
   */
  private void awaitWake() {
    while (true) {
      if (host.workersStopped()) {
        throw new RuntimeClosedException(host.runtimeKind(), "blockOn");
      }
      if (waker.park(Long.MAX_VALUE) && !host.workersStopped()) {
        return; // woken for progress; woken by shutdown, the check above throws
      }
      interrupted |= Thread.interrupted();
    }
  }

  private <T> Poll<T> poll(Future<T> future) {
    budget = CoopBudget.PER_POLL;
    host.pollStarted();
    try {
      return future.poll(this);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    } finally {
      host.pollEnded();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @return this call's parking waker
   */
  @Override
  public Waker waker() {
    return waker;
  }

  /**
   * {@inheritDoc}
   *
   * @return the runtime's driver: its timers and its reactor
   */
  @Override
  public Driver driver() {
    return driver;
  }

  /**
   * {@inheritDoc}
   *
   * @return true while the budget of this poll lasts
   */
  @Override
  public boolean consumeBudget() {
    if (budget > 0) {
      budget--;
      return true;
    }
    return false;
  }
}
