package dev.gearbox.workstealing;

import dev.gearbox.spi.RuntimeLog;
import java.util.Objects;

/**
 * Callbacks on a worker thread's life (Tokio's {@code on_thread_start}, {@code on_thread_stop},
 * {@code on_thread_park}, {@code on_thread_unpark}); each runs on the worker thread itself.
 *
 * @param onStart after the thread started, before it polls a task
 * @param onStop before the thread ends
 * @param onPark before the thread parks for lack of work
 * @param onUnpark after the thread woke from such a park
 */
record Hooks(Runnable onStart, Runnable onStop, Runnable onPark, Runnable onUnpark) {
  private static final Runnable NOTHING = () -> {};

  /** No hooks. */
  static final Hooks NONE = new Hooks(NOTHING, NOTHING, NOTHING, NOTHING);

  Hooks {
    Objects.requireNonNull(onStart, "onStart");
    Objects.requireNonNull(onStop, "onStop");
    Objects.requireNonNull(onPark, "onPark");
    Objects.requireNonNull(onUnpark, "onUnpark");
  }

  /** Whether park and unpark hooks were set, so the park path can skip calling them. */
  boolean hasParkHooks() {
    return onPark != NOTHING || onUnpark != NOTHING;
  }

  /** Runs a hook; a hook that throws is reported to the thread's handler and otherwise ignored. */
  static void run(Runnable hook) {
    try {
      hook.run();
    } catch (Throwable failure) {
      RuntimeLog.uncaught(RuntimeLog.WORKSTEALING, failure);
    }
  }
}
