package dev.gearbox.io.reactor;

import dev.gearbox.io.driver.Reactor;
import java.io.IOException;

/**
 * The I/O driver of one runtime as the runtime sees it: the {@link Reactor} its futures register
 * with, plus the turn that one thread at a time calls to wait for readiness and wake them. {@link
 * #open()} makes the one implementation, a reactor over one NIO selector (epoll on Linux), after
 * mio and Tokio's I/O driver.
 *
 * <p>For the runtime's driver ({@code dev.gearbox.spi.RuntimeDriver}), which owns one and decides
 * who turns it; futures see only the {@code Reactor}. Every method but {@link #turn} may be called
 * from any thread.
 */
public interface IoDriver extends Reactor, AutoCloseable {

  /**
   * Opens a driver with a new selector. Cost: a few file descriptors (the epoll instance and its
   * wakeup pipe), held until {@link #close()}.
   *
   * @return the driver
   * @throws IOException if the selector cannot be opened
   */
  static IoDriver open() throws IOException {
    return SelectorReactor.open();
  }

  /**
   * Applies the queued changes, waits once for readiness, and wakes the futures whose channels
   * became ready. Returns early when {@link #wakeup()} is called or a change is queued by another
   * thread; callers check their own queues after every turn. On a closed driver it returns 0 at
   * once, and so it does when the calling thread is interrupted (the interrupt status stays set).
   *
   * @param timeoutNanos how long to block at most: 0 for a non-blocking select, negative or {@link
   *     Long#MAX_VALUE} to block until an event or a wakeup; rounded up to whole milliseconds
   * @return the number of registrations that became ready
   * @throws IOException if the selector fails
   * @throws IllegalStateException if the driver is open and another thread is inside {@code turn},
   *     or this one (from a waker)
   */
  int turn(long timeoutNanos) throws IOException;

  /**
   * Makes the {@link #turn(long)} running now return soon, or the next one not block. Cheap: no
   * system call unless a turn is about to select or is selecting.
   */
  void wakeup();

  /**
   * The number of channels registered and not yet deregistered: a runtime that is never idle polls
   * the driver while busy only when this is positive.
   *
   * @return the count; changes queued but not applied yet are counted as registered
   */
  int registrations();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the driver: every future waiting on it is woken, and its next poll fails with an
   * IOException ("reactor closed"); the selector is closed, which releases its descriptors.
   * Registered channels stay open (their owners close them). Idempotent; it wakes a running {@code
   * turn} and waits for it to return, unless called from inside it (a waker).
   */
  @Override
  void close();
}
