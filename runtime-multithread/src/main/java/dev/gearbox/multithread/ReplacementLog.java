package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.RuntimeLog;
import java.util.concurrent.TimeUnit;

/**
 * The log records of worker replacement, on the logger {@value RuntimeLog#MULTITHREAD}: a WARNING
 * each time the monitor replaces a worker stuck inside one poll (a task that blocks its thread).
 */
final class ReplacementLog {
  private static final System.Logger LOG = System.getLogger(RuntimeLog.MULTITHREAD);

  private ReplacementLog() {}

  static void replaced(WorkerThread stuck, RawTask<?> task, long blockedNanos) {
    if (!LOG.isLoggable(System.Logger.Level.WARNING)) {
      return;
    }
    String what =
        task == null
            ? "a task"
            : "task "
                + task.id()
                + (task instanceof MultithreadTask<?> own && own.futureClass != null
                    ? " (" + own.futureClass.getName() + ")"
                    : "");
    LOG.log(
        System.Logger.Level.WARNING,
        "worker '"
            + stuck.getName()
            + "' was blocked for "
            + TimeUnit.NANOSECONDS.toMillis(blockedNanos)
            + " ms inside one poll of "
            + what
            + "; a fresh worker took over its queue. Run blocking calls with spawnBlocking.");
  }
}
