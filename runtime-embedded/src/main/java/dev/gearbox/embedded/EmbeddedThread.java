package dev.gearbox.embedded;

import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.Runtime;

/**
 * The executor thread of the {@code embedded} runtime: a daemon platform thread that answers {@code
 * Runtime.current()} itself ({@link CurrentRuntime.Carrier}), so {@code Task.spawn} in a task does
 * no {@code ThreadLocal} lookup.
 */
final class EmbeddedThread extends Thread implements CurrentRuntime.Carrier {
  private final Runtime runtime;
  private final EmbeddedExecutor executor;

  EmbeddedThread(
      Runtime runtime, EmbeddedExecutor executor, String name, int priority, Runnable body) {
    super(null, body, name, 0, false);
    setDaemon(true);
    setPriority(priority);
    this.runtime = runtime;
    this.executor = executor;
  }

  /** The executor this thread runs: the one of every task it polls. */
  EmbeddedExecutor executor() {
    return executor;
  }

  @Override
  public Runtime carriedRuntime() {
    return runtime;
  }
}
