package dev.gearbox.workstealing;

/**
 * Where a worker looks for work beyond its LIFO slot and local queue: a fair share of the
 * globalQueue queue, half of another worker's queue, and a short spin over both before it parks.
 */
final class WorkFinder {
  /*
   * Implementation notes: owned by one worker thread; every method runs on it (stealInto moves the
   * stolen tasks into that worker's queue, which only its owner may push to). Whether the worker
   * counts as searching is the worker's business (the idle protocol): the finder only looks.
   *
   * Stealing starts at a random victim (xorshift32, seeded per worker), so workers that search at
   * the same time do not all raid the same queue. A batch from the global queue is the worker's
   * share of it (depth / workers + 1), capped by the room left in the local queue and at half of
   * it, as in Tokio.
   */
  /** Pauses a searcher spins through before it parks. */
  static final int SPIN_LIMIT = 256;

  private final WorkerThread owner;
  private final WorkerThread[] workers;
  private final LocalRunQueue runQueue;
  private final GlobalQueue globalQueue;
  private final WorkerCounters counters;
  private int seed;

  WorkFinder(WorkerThread owner, WorkStealingScheduler scheduler) {
    this.owner = owner;
    this.workers = scheduler.workers;
    this.runQueue = owner.runQueue;
    this.globalQueue = scheduler.globalQueue;
    this.counters = owner.counters;
    this.seed = 0x9E3779B9 * (owner.index + 1);
  }

  /**
   * Takes a batch from the global queue: returns one task and queues the rest locally.
   *
   * @return a task, or null if the global queue was empty
   */
  ScheduledTask<?> takeFromGlobalQueue() {
    if (globalQueue.isEmpty()) {
      return null;
    }
    int room = Math.min(runQueue.remainingSlots(), LocalRunQueue.HALF);
    int share = globalQueue.depth() / workers.length + 1;
    return globalQueue.popBatch(Math.max(1, Math.min(share, room)), runQueue);
  }

  /**
   * Steals half of one other worker's queue, trying each from a random one on, then looks at the
   * global queue.
   *
   * @return a task to run, or null if nothing was found
   */
  ScheduledTask<?> steal() {
    int count = workers.length;
    int start = nextRandom(count);
    for (int i = 0; i < count; i++) {
      WorkerThread victim = workers[(start + i) % count];
      if (victim != owner) {
        ScheduledTask<?> task = victim.runQueue.stealInto(runQueue, counters);
        if (task != null) {
          return task;
        }
      }
    }
    return takeFromGlobalQueue();
  }

  /**
   * Spins a little, as a searcher, before parking: while a worker searches, notifiers wake nobody,
   * so work that arrives within the spin costs its producer no unpark system call (Go's spinning
   * Ms).
   *
   * @return a task found meanwhile, or null
   */
  ScheduledTask<?> spin() {
    for (int spin = 1; spin <= SPIN_LIMIT; spin++) {
      Thread.onSpinWait();
      if (!globalQueue.isEmpty()) {
        ScheduledTask<?> task = takeFromGlobalQueue();
        if (task != null) {
          return task;
        }
      }
      if ((spin & 15) == 0) {
        for (WorkerThread worker : workers) {
          if (worker != owner && !worker.runQueue.isEmpty()) {
            ScheduledTask<?> task = worker.runQueue.stealInto(runQueue, counters);
            if (task != null) {
              return task;
            }
          }
        }
      }
    }
    return null;
  }

  private int nextRandom(int bound) {
    int x = seed; // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seed = x;
    return (int) ((x & 0xFFFF_FFFFL) % bound);
  }
}
