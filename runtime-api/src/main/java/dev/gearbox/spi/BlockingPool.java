package dev.gearbox.spi;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.JoinedElsewhere;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.UnjoinedFailureHandler;
import dev.gearbox.spi.jfr.RuntimeEvents;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool behind {@code Runtime.spawnBlocking}, shared by every runtime: it grows while queued
 * work exceeds its idle threads, up to a maximum, and a thread ends after a keep-alive without work
 * (as Tokio's blocking pool). Work beyond the maximum waits in a FIFO queue.
 *
 * <p>Each blocking call runs as a {@link RawTask}, so its handle behaves like any task's: abort
 * before it starts completes it as cancelled; once started it runs to the end.
 */
public final class BlockingPool implements TaskScheduler {
  /*
   * Implementation notes: one lock guards the queue and the thread counts. A submission signals an
   * idle thread if there is one, and starts a thread (below the maximum) while the queued work
   * exceeds the idle threads: `idle` still counts a thread signalled but not yet awake, so without
   * that rule a second submission would signal the same sleeper and wait behind the first. Threads
   * wait on `available` with the keep-alive as timeout and end when it passes with nothing to do,
   * or at shutdown once the queue is empty. Shutdown cancels queued tasks through `owned`.
   *
   * A pool thread clears its interrupt status after each task, so that a task which leaves it set
   * does not pass it to the next one (whose blocking calls would throw) or end the thread's wait.
   * `POOL_OF_THREAD` names the pool a thread works for, so that a pool thread that shuts the runtime
   * down (close() inside spawnBlocking) does not wait for itself in awaitTermination.
   */
  private static final ThreadLocal<BlockingPool> POOL_OF_THREAD = new ThreadLocal<>();

  private final Runtime runtime;
  private final String threadPrefix;
  private final int maxThreads;
  private final long keepAliveNanos;
  private final UnjoinedFailures unjoinedFailures;
  private final OwnedTasks owned = new OwnedTasks();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final Condition terminated = lock.newCondition();
  private final ArrayDeque<RawTask<?>> queue = new ArrayDeque<>();
  private int threads;
  private int idle;
  private int threadSequence;
  private boolean shutdown;

  /**
   * Creates a pool with no threads yet.
   *
   * @param runtime the runtime its threads belong to (for {@code Runtime.current()})
   * @param threadPrefix prefix of thread names
   * @param maxThreads the most threads at once, at least 1
   * @param keepAlive how long an idle thread lives
   */
  public BlockingPool(Runtime runtime, String threadPrefix, int maxThreads, Duration keepAlive) {
    this(
        runtime,
        threadPrefix,
        maxThreads,
        keepAlive,
        new UnjoinedFailures(runtime, UnjoinedFailureHandler.log()));
  }

  /**
   * Creates a pool with no threads yet, whose blocking calls that fail unjoined go to {@code
   * unjoinedFailures} (the runtime's).
   *
   * @param runtime the runtime its threads belong to (for {@code Runtime.current()})
   * @param threadPrefix prefix of thread names
   * @param maxThreads the most threads at once, at least 1
   * @param keepAlive how long an idle thread lives
   * @param unjoinedFailures where failures of calls nobody joined are reported
   */
  public BlockingPool(
      Runtime runtime,
      String threadPrefix,
      int maxThreads,
      Duration keepAlive,
      UnjoinedFailures unjoinedFailures) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
    this.maxThreads = maxThreads;
    this.keepAliveNanos = keepAlive.toNanos();
    this.unjoinedFailures = Objects.requireNonNull(unjoinedFailures, "unjoinedFailures");
  }

  /**
   * Queues {@code task} to run on a pool thread.
   *
   * @param task the blocking work
   * @param <T> its result type
   * @return its handle
   * @throws RuntimeClosedException after shutdown
   */
  public <T> JoinHandle<T> spawn(Callable<T> task) {
    return spawn(task, null);
  }

  /** As {@link #spawn(Callable)}, keeping {@code origin} in the task when not null. */
  <T> JoinHandle<T> spawn(Callable<T> task, TaskOrigin origin) {
    Objects.requireNonNull(task, "task");
    Future<T> body =
        task instanceof JoinedElsewhere
            ? new JoinedCallableFuture<>(task)
            : new CallableFuture<>(task);
    RawTask<T> raw = new RawTask<>(body, this);
    if (origin != null) {
      raw.origin(origin);
    }
    if (!owned.bind(raw)) {
      throw new RuntimeClosedException(runtime.kind(), "spawnBlocking");
    }
    schedule(raw);
    return raw;
  }

  /** Runs a callable in one poll. */
  private record CallableFuture<T>(Callable<T> callable) implements Future<T> {
    @Override
    public Poll<T> poll(dev.gearbox.future.Context cx) throws Exception {
      return Poll.ready(callable.call());
    }
  }

  /** Runs a callable whose spawner collects its outcome (see {@link JoinedElsewhere}). */
  private record JoinedCallableFuture<T>(Callable<T> callable)
      implements Future<T>, JoinedElsewhere {
    @Override
    public Poll<T> poll(dev.gearbox.future.Context cx) throws Exception {
      return Poll.ready(callable.call());
    }
  }

  @Override
  public void schedule(RawTask<?> task) {
    lock.lock();
    try {
      if (shutdown) {
        // Bound before the shutdown closed `owned`, so closeAndCancelAll cancels it; queueing it
        // would start a thread after awaitTermination may already have seen none.
        return;
      }
      queue.addLast(task);
      if (idle > 0) {
        available.signal();
      }
      if (queue.size() > idle && threads < maxThreads) {
        startThread();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(RawTask<?> task) {
    owned.remove(task);
  }

  @Override
  public void unjoinedFailure(RawTask<?> task, Throwable failure) {
    unjoinedFailures.report(task, failure);
  }

  private void startThread() {
    threads++;
    Thread thread =
        Thread.ofPlatform().daemon().name(threadPrefix + threadSequence++).unstarted(this::work);
    thread.start();
    RuntimeEvents.blockingPoolGrew(thread.getName(), threads, maxThreads, queue.size()); // JFR
  }

  private void work() {
    CurrentRuntime.Scope scope = CurrentRuntime.enter(runtime, CurrentRuntime.Role.BLOCKING);
    POOL_OF_THREAD.set(this);
    try {
      for (RawTask<?> task = next(); task != null; task = next()) {
        task.run();
        Thread.interrupted(); // the task's interrupt ends with it: see the notes
      }
    } finally {
      POOL_OF_THREAD.remove();
      scope.close();
      lock.lock();
      try {
        threads--;
        if (threads <= 1) {
          terminated.signalAll(); // 1: a pool thread may wait for the others (see awaitTermination)
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** The set of the pool's tasks, for task dumps. */
  OwnedTasks ownedTasks() {
    return owned;
  }

  /** The next task, or null when this thread should end. */
  private RawTask<?> next() {
    lock.lock();
    try {
      long remaining = keepAliveNanos;
      while (queue.isEmpty()) {
        if (shutdown || remaining <= 0) {
          return null;
        }
        idle++;
        try {
          remaining = available.awaitNanos(remaining);
        } catch (InterruptedException e) {
          remaining = 0;
        } finally {
          idle--;
        }
      }
      return queue.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new work, cancels queued work and lets idle threads end; running work finishes. */
  public void shutdown() {
    lock.lock();
    try {
      shutdown = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
    owned.closeAndCancelAll();
  }

  /**
   * Whether the calling thread is a thread of this pool.
   *
   * @return true on a pool thread
   */
  public boolean ownsCurrentThread() {
    return POOL_OF_THREAD.get() == this;
  }

  /**
   * Waits until every pool thread other than the calling one has ended (a pool thread cannot wait
   * for itself).
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true if no other thread is left
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitTermination(long deadlineNanos) throws InterruptedException {
    int self = ownsCurrentThread() ? 1 : 0;
    lock.lock();
    try {
      while (threads > self) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        terminated.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether every pool thread has ended.
   *
   * @return true if no thread is alive
   */
  public boolean hasNoThreads() {
    lock.lock();
    try {
      return threads == 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocking tasks spawned and not finished.
   *
   * @return the alive count
   */
  public long aliveTasks() {
    return owned.alive();
  }

  /**
   * Blocking tasks spawned since creation.
   *
   * @return the spawn count
   */
  public long spawnedTasks() {
    return owned.spawned();
  }

  /**
   * Blocking tasks queued and not yet taken by a pool thread, for metrics.
   *
   * @return the queue depth
   */
  public int queueDepth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The number of pool threads alive now.
   *
   * @return the thread count
   */
  public int threads() {
    lock.lock();
    try {
      return threads;
    } finally {
      lock.unlock();
    }
  }
}
