package dev.gearbox.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spawned and finished counts of the {@code embedded} runtime's tasks, for its pool size and
 * its metrics. The executor thread counts with plain writes; other threads with one atomic
 * increment.
 */
final class TaskCounts {
  /*
   * Implementation notes: `localSpawned` and `localFinished` are written only by the executor
   * thread (release writes: plain stores on x86) and read by any thread (acquire reads);
   * `remoteSpawned` and `remoteFinished` count the other threads' spawns and finishes (a task
   * aborted by another thread finishes there). A spawn is counted before its task is queued, so
   * its finish is counted after it; alive() reads the finished counts first (acquire) and the
   * spawned counts after, so it never sees a finish without its spawn. On the executor thread,
   * alive() is exact as of the other threads' last increments it can see.
   */
  private static final VarHandle LOCAL_SPAWNED;
  private static final VarHandle LOCAL_FINISHED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      LOCAL_SPAWNED = lookup.findVarHandle(TaskCounts.class, "localSpawned", long.class);
      LOCAL_FINISHED = lookup.findVarHandle(TaskCounts.class, "localFinished", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through LOCAL_SPAWNED
  private long localSpawned;

  @SuppressWarnings("unused") // through LOCAL_FINISHED
  private long localFinished;

  private final AtomicLong remoteSpawned = new AtomicLong();
  private final AtomicLong remoteFinished = new AtomicLong();

  /**
   * Counts a spawn.
   *
   * @param onExecutor whether the calling thread is the executor thread
   */
  void spawned(boolean onExecutor) {
    if (onExecutor) {
      LOCAL_SPAWNED.setRelease(this, (long) LOCAL_SPAWNED.getOpaque(this) + 1);
    } else {
      remoteSpawned.incrementAndGet();
    }
  }

  /**
   * Counts a finish.
   *
   * @param onExecutor whether the calling thread is the executor thread
   */
  void finished(boolean onExecutor) {
    if (onExecutor) {
      LOCAL_FINISHED.setRelease(this, (long) LOCAL_FINISHED.getOpaque(this) + 1);
    } else {
      remoteFinished.incrementAndGet();
    }
  }

  /**
   * Tasks spawned and not finished; an estimate while other threads spawn or finish tasks.
   *
   * @return the alive count, at least 0
   */
  long alive() {
    long finished = (long) LOCAL_FINISHED.getAcquire(this) + remoteFinished.get();
    return Math.max(0, spawned() - finished);
  }

  /**
   * Tasks spawned since the start.
   *
   * @return the spawn count
   */
  long spawned() {
    return (long) LOCAL_SPAWNED.getAcquire(this) + remoteSpawned.get();
  }
}
