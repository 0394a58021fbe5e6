package dev.gearbox.runtime;

import java.util.concurrent.CancellationException;

/**
 * Thrown inside a fiber by {@code Fiber.await} (and the fiber calls built on it) when the fiber was
 * cancelled: its handle was aborted, its scope cancelled it, its runtime shut down, or its thread
 * was interrupted. The awaited future was dropped before this is thrown. The fiber's interrupt flag
 * stays set, so JDK blocking calls in its {@code finally} blocks fail fast too; a fiber that must
 * wait while unwinding clears it first ({@code Thread.interrupted()}).
 */
public final class FiberCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was cancelled
   */
  public FiberCancelledException(String message) {
    super(message);
  }
}
