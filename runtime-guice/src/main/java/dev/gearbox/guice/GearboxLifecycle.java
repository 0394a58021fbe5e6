package dev.gearbox.guice;

import dev.gearbox.runtime.Runtime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Closes the runtime {@link GearboxModule} created, and whatever else the application registers,
 * when the application stops. Guice has no lifecycle of its own, so this is the hook: get it from
 * the injector and close it (try-with-resources, or {@link #closeOnJvmExit()} for a server stopped
 * by Ctrl-C).
 *
 * <p>Resources close in the reverse order of their registration, so a server registered after the
 * runtime it runs on is closed first, and the runtime last. Each is closed once; closing again does
 * nothing. A runtime that was never injected was never created, and is not created to be closed.
 * Thread-safe.
 */
public final class GearboxLifecycle implements AutoCloseable {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>(); // guarded by this
  private boolean closed; // guarded by this

  /** A lifecycle with nothing registered; {@link GearboxModule} binds one per injector. */
  public GearboxLifecycle() {}

  /**
   * Registers {@code resource} to be closed by {@link #close()}, before everything registered
   * earlier (the runtime among them).
   *
   * @param resource the resource, such as a server
   * @param <T> its type
   * @return {@code resource}
   * @throws IllegalStateException if this lifecycle is closed; {@code resource} is closed first
   */
  public <T extends AutoCloseable> T register(T resource) {
    Objects.requireNonNull(resource, "resource");
    synchronized (this) {
      if (!closed) {
        resources.push(resource);
        return resource;
      }
    }
    closeQuietly(resource);
    throw new IllegalStateException(
        "the Gearbox lifecycle is closed: " + resource + " was closed instead of registered");
  }

  /** Fails if this lifecycle is closed, before the runtime is created for nothing. */
  synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the Gearbox lifecycle is closed: no runtime is created after the application stopped");
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes every registered resource, last registered first: a runtime is shut down (its pending
   * tasks cancelled, their handles completed) and waited for until every thread of it ended.
   * Idempotent.
   *
   * @throws IllegalStateException if a resource failed to close, with its exception as cause and
   *     the failures of the others suppressed; every resource was still closed
   */
  @Override
  public void close() {
    closeAll(null);
  }

  /**
   * As {@link #close()}, but waits at most {@code timeout} in all for runtimes to terminate.
   *
   * @param timeout the longest wait for the runtimes' threads to end
   * @return true if every runtime terminated in time
   * @throws IllegalStateException if a resource failed to close, as {@link #close()}
   */
  public boolean close(Duration timeout) {
    return closeAll(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Closes this lifecycle from a JVM shutdown hook (Ctrl-C, SIGTERM, {@code System.exit}), waiting
   * at most 10 seconds for the runtimes.
   *
   * @return this lifecycle
   */
  public GearboxLifecycle closeOnJvmExit() {
    java.lang.Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> close(Duration.ofSeconds(10)), "gearbox-lifecycle"));
    return this;
  }

  private boolean closeAll(Duration timeout) {
    Deque<AutoCloseable> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(resources);
      resources.clear();
    }
    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    boolean terminated = true;
    RuntimeException failure = null;
    for (AutoCloseable resource : toClose) {
      try {
        if (timeout != null && resource instanceof Runtime runtime) {
          Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
          terminated &= runtime.shutdown(left);
        } else {
          resource.close();
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (failure == null) {
          failure = new IllegalStateException("closing " + resource + " failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return terminated;
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // the caller is told the lifecycle is closed; this failure adds nothing to act on
    }
  }

  @Override
  public synchronized String toString() {
    return "GearboxLifecycle[" + (closed ? "closed" : resources.size() + " registered") + "]";
  }
}
