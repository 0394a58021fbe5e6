package dev.gearbox.spi;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * The shell every runtime shares: its kind, name and clock, a {@link BlockingPool} for {@code
 * spawnBlocking}, the once-only shutdown (which unregisters the MXBean {@link RuntimeMXBeans}
 * registered) and the waits for its threads. A runtime supplies how a task is spawned ({@link
 * #spawnTask}), how {@code blockOn} runs its future ({@link #runBlockOn}), how its tasks stop at
 * shutdown ({@link #stopTasks}) and which threads {@code shutdown(timeout)} waits for ({@link
 * #threads}).
 */
public abstract class AbstractRuntime implements Runtime {
  /*
   * Implementation notes: `shutdown` is set once under `lifecycleLock` and read without it on the
   * spawn and blockOn paths; what makes a racing spawn fail is the runtime's own task set (its
   * OwnedTasks or executor, closed by stopTasks), so no task is accepted after the shutdown
   * cancelled the others. A runtime that starts threads lazily starts them under lifecycleLock() while not shut
   * down, so that shutdown sees every thread ever started. shutdown() stops the tasks, then the
   * blocking pool, then calls afterBlockingShutdown(); shutdown(timeout) waits with one deadline for
   * the runtime's threads, then for the blocking pool.
   *
   * Shutdown from one of the runtime's own threads (Tokio's shutdown_background): such a thread
   * cannot wait for itself to end, so shutdown(timeout) waits for the others only and returns
   * false, and close() shuts down and returns without waiting. A thread is the runtime's own if it
   * is entered in it (a worker, a blocking-pool thread, a blockOn caller: CurrentRuntime), works for
   * its blocking pool (also while inside another runtime's blockOn), or is one of threads().
   */
  private static final AtomicLong CREATED = new AtomicLong();

  private final String kind;
  private final String name;
  private final Clock clock;
  private final BlockingPool blocking;
  private final UnjoinedFailures unjoinedFailures;
  private final Object lifecycleLock = new Object();
  private volatile boolean shutdown;
  private ObjectName managementName; // guarded by lifecycleLock; RuntimeMXBeans registers it
  private boolean captureSpawnSites; // set by SpawnSites.configure before the runtime is handed out

  /**
   * Creates the shell and its blocking pool (no thread starts until a blocking task is spawned).
   *
   * @param kind the runtime's kind, as its provider names it
   * @param clock the runtime's clock
   * @param threadNamePrefix the prefix of the runtime's thread names; the blocking pool's threads
   *     are named {@code threadNamePrefix + "blocking-" + n}
   * @param blockingMaxThreads the most threads of the blocking pool
   * @param blockingKeepAlive how long an idle blocking thread lives
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the blocking pool refuses its settings
   */
  protected AbstractRuntime(
      String kind,
      Clock clock,
      String threadNamePrefix,
      int blockingMaxThreads,
      Duration blockingKeepAlive) {
    this(
        kind,
        clock,
        threadNamePrefix,
        blockingMaxThreads,
        blockingKeepAlive,
        UnjoinedFailureHandler.log());
  }

  /**
   * Creates the shell, its blocking pool and its account of unjoined failures.
   *
   * @param kind the runtime's kind, as its provider names it
   * @param clock the runtime's clock
   * @param threadNamePrefix the prefix of the runtime's thread names; the blocking pool's threads
   *     are named {@code threadNamePrefix + "blocking-" + n}
   * @param blockingMaxThreads the most threads of the blocking pool
   * @param blockingKeepAlive how long an idle blocking thread lives
   * @param unjoinedFailureHandler what a failure of a task nobody joined does (see {@link
   *     UnjoinedFailures#handlerFrom})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the blocking pool refuses its settings
   */
  @SuppressWarnings("this-escape") // the pool keeps the runtime for its threads, started later
  protected AbstractRuntime(
      String kind,
      Clock clock,
      String threadNamePrefix,
      int blockingMaxThreads,
      Duration blockingKeepAlive,
      UnjoinedFailureHandler unjoinedFailureHandler) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = runtimeName(threadNamePrefix, CREATED.incrementAndGet());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.unjoinedFailures = new UnjoinedFailures(this, unjoinedFailureHandler);
    this.blocking =
        new BlockingPool(
            this,
            threadNamePrefix + "blocking-",
            blockingMaxThreads,
            blockingKeepAlive,
            unjoinedFailures);
  }

  @Override
  public final String kind() {
    return kind;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The thread name prefix without its trailing dashes, {@code #}, and the number of runtimes
   * created in this JVM so far: {@code gearbox-workstealing#1}.
   */
  @Override
  public final String name() {
    return name;
  }

  private static String runtimeName(String threadNamePrefix, long number) {
    String base = threadNamePrefix.replaceAll("[-_.\\s]+$", "");
    return (base.isEmpty() ? "gearbox" : base) + "#" + number;
  }

  /**
   * Keeps the name of this runtime's MXBean so that shutdown unregisters it; false, and nothing
   * kept, if the runtime is shut down already.
   */
  final boolean attachManagementName(ObjectName registered) {
    synchronized (lifecycleLock) {
      if (shutdown) {
        return false;
      }
      managementName = registered;
      return true;
    }
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /**
   * The blocking pool of {@code spawnBlocking}.
   *
   * @return the pool
   */
  protected final BlockingPool blocking() {
    return blocking;
  }

  /**
   * The account of failures of tasks nobody joined, for the runtime's schedulers ({@link
   * TaskScheduler#unjoinedFailure}) and metrics ({@code unjoinedFailures}).
   *
   * @return the account
   */
  protected final UnjoinedFailures unjoinedFailures() {
    return unjoinedFailures;
  }

  /**
   * The lock {@code shutdown()} sets the shut-down flag under; a runtime that starts threads after
   * construction starts them under it, only while {@link #isShutdown()} is false.
   *
   * @return the lock
   */
  protected final Object lifecycleLock() {
    return lifecycleLock;
  }

  /**
   * The error of an operation refused because the runtime is shut down.
   *
   * @param operation the refused operation, e.g. {@code "spawn"}
   * @return the exception to throw
   */
  protected final RuntimeClosedException closed(String operation) {
    return new RuntimeClosedException(kind, operation);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Checks {@code future} and hands it to {@link #spawnTask}.
   */
  @Override
  public final <T> JoinHandle<T> spawn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    if (captureSpawnSites) {
      TaskOrigin origin = SpawnSites.capture(getClass());
      return SpawnSites.record(spawnTask(future), origin);
    }
    return spawnTask(future);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Checks the name and {@code future}, hands the future to {@link #spawnTask} and keeps the
   * name (and the spawn site, when captured) in the task.
   */
  @Override
  public final <T> JoinHandle<T> spawn(String name, Future<T> future) {
    TaskNames.check(name);
    Objects.requireNonNull(future, "future");
    TaskOrigin origin =
        captureSpawnSites
            ? SpawnSites.capture(getClass()).named(name)
            : new TaskOrigin(System.nanoTime(), null, name);
    return SpawnSites.record(spawnTask(name, future), origin);
  }

  /** Turns spawn-site capture on or off; see {@link SpawnSites#configure}. */
  final void captureSpawnSites(boolean on) {
    captureSpawnSites = on;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Counts the runtime's tasks ({@link #censusTasks}), then those of its blocking pool.
   */
  @Override
  public final TaskDump dumpTasks(int limit) {
    TaskCensus census = new TaskCensus(kind, name, limit);
    censusTasks(census);
    census.addBlocking(blocking);
    return census.finish();
  }

  /**
   * Hands every live task of the runtime (not its blocking pool's) to {@code census}: its {@link
   * OwnedTasks} sets first ({@link TaskCensus#addOwned}), then what its run queues hold and what
   * its workers poll ({@link TaskCensus#addUnowned(RawTask)}). Called on any thread, while the
   * runtime runs: read the queues without stopping their users (a weakly consistent iteration).
   *
   * @param census the census to fill
   */
  protected abstract void censusTasks(TaskCensus census);

  /**
   * Spawns {@code future} as a task of this runtime.
   *
   * @param future the future, not null
   * @param <T> the output type
   * @return the task's handle
   * @throws RuntimeClosedException after shutdown
   */
  protected abstract <T> JoinHandle<T> spawnTask(Future<T> future);

  /**
   * Spawns a named task; the name is kept in the task by {@link #spawn(String, Future)} after this
   * returns, so a runtime overrides this only to use the name itself (the simulated runtime's
   * traces do).
   *
   * @param name the checked name
   * @param future the future, not null
   * @param <T> its output type
   * @return the task's handle
   */
  protected <T> JoinHandle<T> spawnTask(String name, Future<T> future) {
    return spawnTask(future);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Inside a fiber, spawns {@code future} and awaits its handle ({@code Fiber.await}).
   * Elsewhere, checks the caller may block and the runtime is not shut down, enters the calling
   * thread as a worker of this runtime for the call ({@code Runtime.current()} works in the futures
   * it polls, blocking calls fail there) and runs {@link #runBlockOn}. A runtime that does not run
   * the future on the caller overrides this.
   */
  @Override
  public <T> T blockOn(Future<T> future) {
    Objects.requireNonNull(future, "future");
    if (FiberCarrier.inFiber()) {
      // A fiber must not drive a runtime from its virtual thread (a runtime that runs tasks on the
      // blockOn caller would run other fibers' continuations there): it awaits a task instead.
      return FiberCarrier.awaitOn(this, future);
    }
    CurrentRuntime.checkMayBlock("Runtime.blockOn()");
    if (shutdown) {
      throw closed("blockOn");
    }
    CurrentRuntime.Scope scope = CurrentRuntime.enter(this, CurrentRuntime.Role.WORKER);
    try {
      return runBlockOn(future);
    } finally {
      scope.close();
    }
  }

  /**
   * Runs {@code future} to completion for {@code blockOn}, after its guards.
   *
   * @param future the future, not null
   * @param <T> the output type
   * @return the future's output
   */
  protected abstract <T> T runBlockOn(Future<T> future);

  @Override
  public final <T> JoinHandle<T> spawnBlocking(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    if (shutdown) {
      throw closed("spawnBlocking");
    }
    return blocking.spawn(task, captureSpawnSites ? SpawnSites.capture(getClass()) : null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Through {@link FiberCarrier#spawn}: the fiber is one task of this runtime.
   */
  @Override
  public <T> JoinHandle<T> spawnFiber(Callable<T> body) {
    return FiberCarrier.spawn(this, body);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Through {@link FiberCarrier#spawn}: the fiber is one task of this runtime.
   */
  @Override
  public <T> JoinHandle<T> spawnFiber(String name, Callable<T> body) {
    return FiberCarrier.spawn(this, TaskNames.check(name), body);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The first call sets the flag, then {@link #stopTasks()}, shuts the blocking pool down and
   * calls {@link #afterBlockingShutdown()}; later calls return at once.
   */
  @Override
  public final void shutdown() {
    ObjectName registered;
    synchronized (lifecycleLock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
      registered = managementName;
      managementName = null;
    }
    if (registered != null) {
      RuntimeMXBeans.unregister(registered);
    }
    stopTasks();
    blocking.shutdown();
    afterBlockingShutdown();
  }

  /**
   * Stops this runtime's tasks at shutdown, before the blocking pool shuts down: cancels every
   * alive task, refuses new ones and wakes the runtime's threads so they end. Called once.
   */
  protected abstract void stopTasks();

  /**
   * Called once at shutdown after the blocking pool shut down, e.g. to close the driver. Does
   * nothing by default.
   */
  protected void afterBlockingShutdown() {}

  /**
   * {@inheritDoc}
   *
   * <p>Shuts down, then waits with one deadline for {@link #awaitThreads} and for the blocking
   * pool; on one of the runtime's own threads, for the others only, and returns false.
   */
  @Override
  public final boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    shutdown();
    boolean onOwnThread = isOwnThread();
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    try {
      return awaitThreads(deadline) && blocking.awaitTermination(deadline) && !onOwnThread;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On one of the runtime's own threads, shuts down and returns at once.
   */
  @Override
  public final void close() {
    if (isOwnThread()) {
      shutdown();
      return;
    }
    Runtime.super.close();
  }

  /**
   * Whether the calling thread is one of this runtime's: entered in it (a worker, a blocking-pool
   * thread, a caller inside {@code blockOn}), a thread of its blocking pool, or one of {@link
   * #threads()}.
   */
  private boolean isOwnThread() {
    return CurrentRuntime.get() == this
        || blocking.ownsCurrentThread()
        || RuntimeThreads.includesCurrent(threads());
  }

  /**
   * The runtime's own threads (not the blocking pool's) that {@code shutdown(timeout)} waits for
   * and {@code isTerminated()} checks; null entries are skipped.
   *
   * @return the threads, a snapshot
   */
  protected abstract Iterable<? extends Thread> threads();

  /**
   * Waits, after shutdown, until the runtime's own threads ended. By default joins {@link
   * #threads()}.
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if they all ended in time
   * @throws InterruptedException if interrupted while waiting
   */
  protected boolean awaitThreads(long deadlineNanos) throws InterruptedException {
    return RuntimeThreads.join(threads(), deadlineNanos);
  }

  /**
   * Whether the runtime's own threads ended. By default checks {@link #threads()}.
   *
   * @return true if none is alive
   */
  protected boolean threadsEnded() {
    return RuntimeThreads.allEnded(threads());
  }

  @Override
  public final boolean isShutdown() {
    return shutdown;
  }

  @Override
  public final boolean isTerminated() {
    return shutdown && threadsEnded() && blocking.hasNoThreads();
  }
}
