package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.future.Driver;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.io.reactor.IoDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-thread executor for the I/O tests, standing in for a runtime: it polls its woken tasks and,
 * when none is left, blocks in {@link IoDriver#turn(long)}. A task is its own waker and context;
 * waking queues it and wakes the reactor.
 */
public final class TestExecutor implements AutoCloseable {
  /** How long {@link #block} and {@link #await} wait. */
  public static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(20);

  final IoDriver reactor;
  private final ConcurrentLinkedQueue<Task<?>> ready = new ConcurrentLinkedQueue<>();
  private final Set<Task<?>> alive = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean stopped;

  /** Starts the executor's thread. */
  public TestExecutor() throws IOException {
    reactor = IoDriver.open();
    thread = Thread.ofPlatform().name("io-test-executor").daemon().start(this::run);
  }

  /** Spawns {@code future}; the result completes with its output or failure. */
  public <T> CompletableFuture<T> spawn(Future<T> future) {
    Task<T> task = new Task<>(future);
    alive.add(task);
    task.wake();
    return task.result;
  }

  /** Spawns {@code future} and waits for it, rethrowing its failure as is. */
  public <T> T block(Future<T> future) throws Exception {
    return await(spawn(future));
  }

  /** Waits for a spawned task's result (bounded), rethrowing its failure as is. */
  public static <T> T await(CompletableFuture<T> result) throws Exception {
    try {
      return result.get(BLOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void run() {
    try {
      while (!stopped) {
        Task<?> task = ready.poll();
        while (task != null) {
          task.run();
          task = ready.poll();
        }
        if (reactor.isClosed()) {
          LockSupport.park(this); // a closed reactor does not block: wait for a wake here instead
        } else {
          reactor.turn(-1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Task<?> task : alive) {
        task.abandon();
      }
      reactor.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    reactor.wakeup();
    LockSupport.unpark(thread);
    thread.join(BLOCK_TIMEOUT.toMillis());
  }

  /** A spawned future; its own waker and context. Polled only on the executor thread. */
  private final class Task<T> implements Waker, Context {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Future<T> future;

    Task(Future<T> future) {
      this.future = future;
    }

    @Override
    public void wake() {
      if (scheduled.compareAndSet(false, true)) {
        ready.add(this);
        reactor.wakeup();
        LockSupport.unpark(thread);
      }
    }

    @Override
    public Waker waker() {
      return this;
    }

    @Override
    public Driver driver() {
      return reactor;
    }

    void run() {
      scheduled.set(false);
      if (result.isDone()) {
        return;
      }
      try {
        Poll<T> poll = future.poll(this);
        if (poll instanceof Poll.Ready<T>(T value)) {
          finish();
          result.complete(value);
        }
      } catch (Throwable failure) {
        finish();
        result.completeExceptionally(failure);
      }
    }

    private void finish() {
      alive.remove(this);
    }

    void abandon() {
      if (!result.isDone()) {
        future.drop();
        result.cancel(false);
      }
    }
  }
}
