package dev.gearbox.embedded;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.spi.CurrentRuntime;

/**
 * The executor thread of the {@code embedded} runtime: a daemon platform thread that answers {@code
 * Runtime.current()} itself ({@link CurrentRuntime.Carrier}), so {@code Task.spawn} in a task does
 * no {@code ThreadLocal} lookup.
 */
final class EmbeddedThread extends Thread implements CurrentRuntime.Carrier {
  private final Runtime runtime;

  EmbeddedThread(Runtime runtime, String name, int priority, Runnable body) {
    super(null, body, name, 0, false);
    setDaemon(true);
    setPriority(priority);
    this.runtime = runtime;
  }

  @Override
  public Runtime carriedRuntime() {
    return runtime;
  }
}
