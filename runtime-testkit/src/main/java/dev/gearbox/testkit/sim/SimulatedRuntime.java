package dev.gearbox.testkit.sim;

import dev.gearbox.future.Future;
import dev.gearbox.io.driver.Network;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.AbstractRuntime;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.FiberCarrier;
import dev.gearbox.spi.MetricTable;
import dev.gearbox.spi.TaskCensus;
import dev.gearbox.spi.UnjoinedFailures;
import dev.gearbox.time.PausedClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code simulated} runtime: one thread, the next ready task chosen by a generator seeded with
 * {@link #seed()}, a virtual clock that jumps to the next timer or network event when every task
 * waits, a {@link SimNetwork} behind the sockets of {@code dev.gearbox.io}, and a {@link
 * DeadlockException} instead of a hang when {@code blockOn} can never complete.
 *
 * <p>Create it with {@code Runtimes.create("simulated")} (the seed from {@code gearbox.sim.seed}),
 * {@link SimulatedRuntimeProvider#create(long)}, or let {@code @RuntimeTest(kinds = "simulated",
 * seeds = N)} or {@link Simulation} make one per seed. The same seed gives the same {@link
 * #trace()} as long as the work starts inside {@code blockOn} (or in tasks it spawns): spawns and
 * wakes from other threads, and {@code spawnBlocking} tasks, which run on real threads, work but
 * arrive when they arrive.
 */
// AbstractRuntime and Network.Owner are internal (exported to the runtimes and the testkit only):
// tests use this class as a Runtime and through its own methods.
@SuppressWarnings("exports")
public final class SimulatedRuntime extends AbstractRuntime implements Network.Owner {
  /*
   * Implementation notes: the lifecycle is AbstractRuntime's: shutdown cancels every task of the
   * scheduler's OwnedTasks (stopTasks), shuts the blocking pool down, then stops the loop thread;
   * shutdown(timeout) waits for the loop thread with the scheduler's own wait. blockOn overrides
   * AbstractRuntime's: it refuses the loop thread first and runs the future as a task of the loop,
   * the caller waiting without being entered as a worker.
   */
  private static final String PREFIX = "gearbox-" + SimulatedRuntimeProvider.KIND + "-";

  private final SimScheduler scheduler;
  private final SimNetwork network;

  SimulatedRuntime(
      long seed,
      Duration deadlockGrace,
      int blockingMaxThreads,
      Duration keepAlive,
      UnjoinedFailureHandler unjoinedFailureHandler) {
    super(
        SimulatedRuntimeProvider.KIND,
        new PausedClock(),
        PREFIX,
        blockingMaxThreads,
        keepAlive,
        unjoinedFailureHandler);
    BlockingPool pool = blocking();
    this.scheduler =
        new SimScheduler(
            this,
            seed,
            clock(),
            () -> pool.aliveTasks() == 0,
            deadlockGrace.toNanos(),
            PREFIX + "seed-" + seed);
    this.network = new SimNetwork(scheduler);
    scheduler.start(network);
  }

  /**
   * The seed of this run.
   *
   * @return the seed
   */
  public long seed() {
    return scheduler.seed();
  }

  /**
   * The events of the run so far (spawns, polls, finishes, time jumps), for replay checks: two runs
   * with the same seed and the same work give equal lists. The first 2^20 events are kept; a longer
   * run records no more. Cost: a copy.
   *
   * @return a snapshot of the trace
   */
  public List<TraceEvent> trace() {
    return scheduler.trace();
  }

  /**
   * The simulated network: hosts, and per link latency, jitter, loss, reordering, duplication and
   * partitions.
   *
   * @return the network
   */
  @Override
  public SimNetwork network() {
    return network;
  }

  @Override
  protected <T> JoinHandle<T> spawnTask(Future<T> future) {
    return scheduler.spawn(future, null, null);
  }

  /** The name is also the task's in traces and deadlock reports. */
  @Override
  protected <T> JoinHandle<T> spawnTask(String name, Future<T> future) {
    return scheduler.spawn(future, name, null);
  }

  /**
   * Runs {@code future} as a task on the simulation's thread and waits for it.
   *
   * @throws DeadlockException if it can never complete; the message lists the waiting tasks
   * @throws IllegalStateException inside a task of any runtime
   */
  @Override
  public <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    if (FiberCarrier.inFiber()) {
      return FiberCarrier.awaitOn(this, future); // parks the fiber, not the loop
    }
    if (scheduler.onLoopThread()) {
      throw new IllegalStateException(
          "Runtime.blockOn() inside a task of the simulated runtime would block its only thread;"
              + " await the future inside the task instead");
    }
    CurrentRuntime.checkMayBlock("Runtime.blockOn()");
    if (isShutdown()) {
      throw closed("blockOn");
    }
    return runBlockOn(future);
  }

  /**
   * Spawns {@code future} as a task of the loop and waits for it, or for the deadlock report.
   *
   * @param future the future, not null
   * @param <T> the output type
   * @return the future's output
   * @throws DeadlockException if it can never complete
   * @throws RuntimeClosedException if the runtime shuts down first
   */
  @Override
  protected <T> T runBlockOn(Future<T> future) {
    SimTask<T> task = scheduler.spawn(future, "blockOn", null, true);
    BlockOnCall<T> call = new BlockOnCall<>(task);
    scheduler.register(call);
    try {
      return call.await(seed(), () -> closed("blockOn"));
    } finally {
      scheduler.unregister(call);
    }
  }

  /**
   * The virtual clock: paused from the start; it moves when every task waits, or by hand.
   *
   * @return the clock
   */
  @Override
  public PausedClock clock() {
    return (PausedClock) super.clock();
  }

  @Override
  public RuntimeMetrics metrics() {
    return new SimulatedMetrics(
        MetricTable.builder(SimulatedRuntimeProvider.KIND)
            .add(Metric.WORKERS, () -> 1)
            .add(Metric.TASKS_ALIVE, () -> scheduler.owned().alive() + blocking().aliveTasks())
            .add(
                Metric.TASKS_SPAWNED, () -> scheduler.owned().spawned() + blocking().spawnedTasks())
            .add(Metric.POLLS, scheduler::polls)
            .add(Metric.BLOCKING_THREADS, () -> blocking().threads())
            .add(Metric.BLOCKING_QUEUE_DEPTH, () -> blocking().queueDepth())
            .add(Metric.TIMERS_PENDING, scheduler::pendingTimers)
            .add(Metric.UNJOINED_FAILURES, () -> failures().count())
            // one thread whose ready set only it reads, virtual time (no parks), a simulated
            // network instead of a reactor
            .notApplicable(
                Metric.STEALS,
                Metric.GLOBAL_QUEUE_DEPTH,
                Metric.LOCAL_QUEUE_DEPTH,
                Metric.PARKS,
                Metric.IO_REGISTRATIONS,
                Metric.SLOW_POLLS));
  }

  /** The simulated runtime's metrics: the shared ones that apply to one virtual thread. */
  private static final class SimulatedMetrics extends MetricTable {
    SimulatedMetrics(Builder declared) {
      super(declared);
    }
  }

  /** The runtime's account of unjoined failures, for its scheduler and metrics. */
  UnjoinedFailures failures() {
    return unjoinedFailures();
  }

  /** Counts the simulation's tasks: each is in its owned set from its spawn. */
  @Override
  protected void censusTasks(TaskCensus census) {
    census.addOwned(scheduler.owned());
  }

  @Override
  protected void stopTasks() {
    scheduler.owned().closeAndCancelAll();
  }

  @Override
  protected void afterBlockingShutdown() {
    scheduler.stop();
  }

  @Override
  protected List<Thread> threads() {
    return List.of(scheduler.thread());
  }

  /**
   * Waits for the loop thread to end, unless it is the caller (a task that shuts the runtime down):
   * it cannot wait for itself.
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if it ended in time, or is the caller
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  protected boolean awaitThreads(long deadlineNanos) throws InterruptedException {
    return scheduler.onLoopThread() || scheduler.awaitStopped(deadlineNanos);
  }

  /**
   * Whether the loop thread was stopped and ended.
   *
   * @return true once it ended after shutdown
   */
  @Override
  protected boolean threadsEnded() {
    return scheduler.isStopped();
  }

  @Override
  public String toString() {
    return "SimulatedRuntime[seed=" + seed() + ", " + clock() + "]";
  }
}
