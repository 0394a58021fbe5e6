package dev.gearbox.embedded;

import java.util.concurrent.locks.LockSupport;

/**
 * How an idle {@link EmbeddedExecutor} waits (the WFE/WFI analogue) and how another thread wakes it
 * (the pender). A plain executor parks its thread; the {@code embedded} runtime's executor waits in
 * its I/O selector instead.
 */
interface IdleStep {

  /**
   * Waits, on the executor thread, until {@link #signal} or {@code maxNanos} passed; may return
   * early.
   *
   * @param executor the executor
   * @param maxNanos the longest wait, {@link Long#MAX_VALUE} for none but a signal
   */
  void park(EmbeddedExecutor executor, long maxNanos);

  /**
   * Ends or prevents the executor's wait; any thread.
   *
   * @param executor the executor
   */
  void signal(EmbeddedExecutor executor);

  /**
   * Called on the executor thread after each batch.
   *
   * @param polled the tasks the batch polled
   */
  default void afterBatch(int polled) {}

  /**
   * Whether a closed executor must go on running (work a caller waits for); checked in the loop.
   *
   * @return true to keep running after close
   */
  default boolean keepRunningAfterClose() {
    return false;
  }

  /** Parks the executor thread: a plain executor's idle step. */
  IdleStep PARK_THREAD =
      new IdleStep() {
        @Override
        public void park(EmbeddedExecutor executor, long maxNanos) {
          if (maxNanos == Long.MAX_VALUE) {
            LockSupport.park(executor);
          } else if (maxNanos > 0) {
            LockSupport.parkNanos(executor, maxNanos);
          }
        }

        @Override
        public void signal(EmbeddedExecutor executor) {
          Thread thread = executor.thread();
          if (thread != null) {
            LockSupport.unpark(thread);
          }
        }
      };
}
