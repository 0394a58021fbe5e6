package dev.gearbox.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The task pool of the {@code embedded} runtime's {@code spawn}: an exact count of the alive
 * spawned tasks, reserved before a task is made and given back once when it finishes, and the count
 * of spawns for the metrics.
 */
final class TaskCounts {
  /*
   * Implementation notes:
   *
   * Invariants: `alive` never exceeds the pool size. A slot is reserved (tryReserve, a CAS loop
   * from any thread) before the task object exists and given back (finished) exactly once, from
   * TaskScheduler.release, which RawTask calls once when the task completes, fails or is
   * cancelled (by abort, by shutdown or by the executor's end). So spawns racing from several
   * threads, the executor's among them, cannot overshoot the pool: a CAS that would pass the size
   * fails.
   *
   * Ownership: `alive` any thread (CAS); `localSpawned` written only by the executor thread
   * (release writes: plain stores on x86) and read by any thread (acquire reads);
   * `remoteSpawned` the other threads' spawns (atomic increment).
   */
  private static final VarHandle LOCAL_SPAWNED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      LOCAL_SPAWNED = lookup.findVarHandle(TaskCounts.class, "localSpawned", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int poolSize;
  private final AtomicInteger alive = new AtomicInteger();

  @SuppressWarnings("unused") // through LOCAL_SPAWNED
  private long localSpawned;

  private final AtomicLong remoteSpawned = new AtomicLong();

  /**
   * Creates the counts of a pool.
   *
   * @param poolSize the most tasks alive at once, at least 1
   */
  TaskCounts(int poolSize) {
    this.poolSize = poolSize;
  }

  /**
   * Reserves a slot of the pool for a spawn and counts the spawn; the caller must make the task and
   * see to it that {@link #finished} is called once for it.
   *
   * @param onExecutor whether the calling thread is the executor thread
   * @return false if every slot is taken (nothing was reserved or counted)
   */
  boolean tryReserve(boolean onExecutor) {
    int current = alive.get();
    while (true) {
      if (current >= poolSize) {
        return false;
      }
      int witness = alive.compareAndExchange(current, current + 1);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if (onExecutor) {
      LOCAL_SPAWNED.setRelease(this, (long) LOCAL_SPAWNED.getOpaque(this) + 1);
    } else {
      remoteSpawned.incrementAndGet();
    }
    return true;
  }

  /** Gives back the slot of a finished task; once per reserved slot. */
  void finished() {
    alive.decrementAndGet();
  }

  /**
   * Tasks spawned and not finished: the slots reserved.
   *
   * @return the alive count, from 0 to the pool size
   */
  long alive() {
    return alive.get();
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
