package dev.gearbox.multithread;

import dev.gearbox.spi.RawTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that watches the workers: every few milliseconds it looks at how long each has been
 * inside its current poll, and replaces a worker stuck past the blocking threshold with a fresh
 * one, so the tasks queued behind a blocking task keep running. The stuck thread ends once its poll
 * returns. The monitor parks while every worker does, so an idle runtime costs no CPU.
 */
final class Monitor extends Thread {
  /*
   * Implementation notes: `seenSeq[i]`, `seenSpawned[i]` and `seenAt[i]` (monitor thread only)
   * hold, per worker slot, the poll sequence and the worker's spawn count last seen, and when they
   * were first seen. A slot whose sequence is odd and unchanged since `blockingThreshold` ago, with
   * no spawn meanwhile, is stuck in one poll. A poll that keeps spawning is not blocked: it feeds
   * the runtime (the other workers steal what it queues), as a spawn_many loop of 100,000 spawns in
   * one poll does; replacing its worker would only hand its queue to the global queue and start a
   * thread, again at each threshold while the loop runs. A poll that spawns and then blocks is
   * replaced a threshold after its last spawn. The monitor marks the worker
   * retiring, puts a fresh worker in the slot, counts the replacement and emits the JFR event.
   * Replacements stop while `maxExtraWorkers` retiring threads are alive (counted, and left to the
   * next tick). A false alarm (the poll ended just as the monitor looked) costs one thread start.
   * A tick that comes more than the threshold after the previous one (the monitor itself was
   * stopped: a GC pause, or descheduled on a loaded machine) starts every observation afresh, since
   * the workers were stopped too and their polls cannot be judged on that time.
   *
   * Waiting for a core is not blocking: on a loaded machine (or while the JIT's threads compile) a
   * worker can go a threshold without running at all. So a worker past the threshold is judged by
   * what its thread did meanwhile (`seenCpu[i]`, its CPU time when the poll was first seen): not
   * runnable (parked, sleeping, waiting for a monitor) is blocked; runnable and on a CPU for at
   * least half the time is a long computation, blocking its queue too; runnable but barely on a CPU
   * is either waiting for a core or blocked in a native call (a socket or file read), which the JDK
   * cannot tell apart, so it is replaced only after STARVED_THRESHOLDS thresholds, time enough for
   * a descheduled thread to have run. Without per-thread CPU time, every stuck worker is blocked.
   *
   * Parking: when every worker sleeps, the monitor sets `parked` (volatile) and re-reads the
   * sleepers' count (the Dekker pair described in Idle), then parks until whoever wakes a
   * worker clears `parked` with a CAS and unparks it.
   */
  private static final VarHandle PARKED;

  static {
    try {
      PARKED = MethodHandles.lookup().findVarHandle(Monitor.class, "parked", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** How many thresholds a worker runnable but off the CPU may stay in one poll (see the notes). */
  static final int STARVED_THRESHOLDS = 4;

  private final MultithreadScheduler scheduler;
  private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
  private final boolean cpuTime =
      threadBean.isThreadCpuTimeSupported() && threadBean.isThreadCpuTimeEnabled();
  private final long thresholdNanos;
  private final long intervalNanos;
  private final long[] seenSeq;
  private final long[] seenSpawned;
  private final long[] seenAt;
  private final long[] seenCpu;
  private long lastCheck = System.nanoTime();

  @SuppressWarnings("unused") // accessed through PARKED
  private volatile boolean parked;

  Monitor(MultithreadScheduler scheduler, Settings settings) {
    super(null, null, settings.threadNamePrefix() + "monitor", 0, false);
    setDaemon(true);
    this.scheduler = scheduler;
    this.thresholdNanos = settings.blockingThresholdNanos();
    this.intervalNanos = settings.monitorIntervalNanos();
    this.seenSeq = new long[settings.workers()];
    this.seenSpawned = new long[settings.workers()];
    this.seenAt = new long[settings.workers()];
    this.seenCpu = new long[settings.workers()];
  }

  @Override
  public void run() {
    while (!scheduler.isShutdown()) {
      if (everyWorkerSleeps()) {
        parkUntilWoken();
      } else {
        LockSupport.parkNanos(this, intervalNanos);
        long now = System.nanoTime();
        if (now - lastCheck > thresholdNanos) {
          Arrays.fill(seenSeq, 0); // overslept (a GC pause, or descheduled): judge nobody on it
        }
        lastCheck = now;
        check(now);
      }
    }
  }

  private boolean everyWorkerSleeps() {
    return scheduler.idle.sleeping() >= scheduler.workerCount()
        && scheduler.globalQueue.isEmpty()
        && !scheduler.slots().retiredHoldWork();
  }

  private void parkUntilWoken() {
    PARKED.setVolatile(this, true);
    if (!everyWorkerSleeps()) {
      PARKED.setVolatile(this, false);
      return;
    }
    while ((boolean) PARKED.getVolatile(this) && !scheduler.isShutdown()) {
      LockSupport.park(this);
    }
    Arrays.fill(seenSeq, 0); // the idle time must not count toward a stuck poll
  }

  /** Wakes the monitor if it parked because every worker slept. Any thread. */
  void wakeIfParked() {
    if ((boolean) PARKED.getVolatile(this) && PARKED.compareAndSet(this, true, false)) {
      LockSupport.unpark(this);
    }
  }

  /** Wakes the monitor for shutdown. */
  void wakeForShutdown() {
    PARKED.setVolatile(this, false);
    LockSupport.unpark(this);
  }

  /**
   * Whether a worker inside one poll past the threshold is blocked rather than waiting for a core
   * (see the notes).
   */
  private boolean blocked(WorkerThread worker, int slot, long now) {
    if (worker.getState() != Thread.State.RUNNABLE) {
      return true;
    }
    long cpu = cpuNanos(worker);
    long inPoll = now - seenAt[slot];
    if (cpu < 0 || seenCpu[slot] < 0 || cpu - seenCpu[slot] >= inPoll / 2) {
      return true;
    }
    return inPoll >= STARVED_THRESHOLDS * thresholdNanos;
  }

  /** The CPU time of {@code worker}'s thread, or -1 if the JVM does not measure it. */
  private long cpuNanos(WorkerThread worker) {
    return cpuTime ? threadBean.getThreadCpuTime(worker.threadId()) : -1;
  }

  private void check(long now) {
    scheduler.slots().emptyRetiredSlots();
    if (scheduler.idle.sleeping() > 0 && scheduler.anyLocalWork()) {
      scheduler.idle.notifyOne(); // a lost wake-up hint for a local push: see WorkerThread
    }
    for (int slot = 0; slot < seenSeq.length; slot++) {
      WorkerThread worker = scheduler.worker(slot);
      long seq = worker.pollSeq();
      long spawned = worker.spawned();
      if ((seq & 1) == 0 || seq != seenSeq[slot] || spawned != seenSpawned[slot]) {
        seenSeq[slot] = seq;
        seenSpawned[slot] = spawned;
        seenAt[slot] = now;
        seenCpu[slot] = (seq & 1) == 0 ? 0 : cpuNanos(worker);
      } else if (now - seenAt[slot] >= thresholdNanos && blocked(worker, slot, now)) {
        RawTask<?> task = worker.polling();
        if (worker.pollSeq() == seq
            && worker.spawned() == spawned
            && scheduler.replace(worker, task, now - seenAt[slot])) {
          seenSeq[slot] = 0;
        }
      }
    }
  }
}
