package dev.gearbox.spi;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Fibers: virtual threads whose scheduler is a Gearbox runtime. Each fiber is one task of its
 * runtime; every time the JDK makes the fiber's thread runnable, the runtime polls that task, and
 * the poll runs the thread until it parks, yields or ends. So the runtime's style decides where and
 * when fibers run: workstealing steals them, embedded runs them on its one thread, the simulated
 * runtime orders them by its seed.
 *
 * <p>The JDK's hook for a virtual thread's scheduler is not public, nor is pinning a fiber to its
 * worker while it polls: they need {@code --add-opens java.base/java.lang=dev.gearbox.api
 * --add-exports java.base/jdk.internal.vm=dev.gearbox.api} (module path; {@code ALL-UNNAMED} on the
 * class path). Without them fibers still work, on the JDK's default virtual-thread scheduler, and
 * the first fiber logs one WARNING that names the flags; {@link #carrier()} tells which is in use.
 * The system property {@value #CARRIER_PROPERTY} ({@code runtime}, the default, or {@code jdk})
 * chooses the JDK's scheduler on purpose, for comparisons.
 *
 * <p>This class is the runtime side; applications use {@code dev.gearbox.fiber.Fiber}.
 */
public final class FiberCarrier {
  /** The system property that chooses the carrier: {@code runtime} (default) or {@code jdk}. */
  public static final String CARRIER_PROPERTY = RuntimeConfig.FIBER_CARRIER_KEY;

  /** What runs fibers' virtual threads. */
  public enum Kind {
    /** The Gearbox runtime the fiber was spawned on. */
    RUNTIME,
    /** The JDK's default virtual-thread scheduler (a ForkJoinPool). */
    JDK
  }

  private static final System.Logger LOG = System.getLogger("dev.gearbox.fiber");
  private static final Kind KIND;
  private static final MethodHandle NEW_THREAD; // (Executor, Runnable) -> Thread; null for JDK
  private static final MethodHandle PIN; // Continuation.pin(); null for JDK
  private static final MethodHandle UNPIN;
  private static final String FALLBACK_REASON;
  private static final String REFUSED; // a bad CARRIER_PROPERTY, reported by every spawn

  static {
    String chosen = System.getProperty(CARRIER_PROPERTY, "runtime");
    MethodHandle factory = null;
    MethodHandle[] pinning = {null, null};
    String reason = null;
    String refused = null;
    switch (chosen) {
      case "runtime" -> {
        try {
          pinning = continuationPinning();
          factory = virtualThreadFactory();
        } catch (ReflectiveOperationException | RuntimeException e) {
          reason = e.toString();
        }
      }
      case "jdk" -> reason = CARRIER_PROPERTY + "=jdk";
      default ->
          refused =
              "system property "
                  + CARRIER_PROPERTY
                  + "='"
                  + chosen
                  + "' is not a fiber carrier: expected runtime or jdk";
    }
    NEW_THREAD = factory;
    PIN = pinning[0];
    UNPIN = pinning[1];
    KIND = factory != null ? Kind.RUNTIME : Kind.JDK;
    FALLBACK_REASON = reason;
    REFUSED = refused;
  }

  private static boolean warned;

  private FiberCarrier() {}

  /**
   * Which scheduler carries fibers in this JVM.
   *
   * @return {@link Kind#RUNTIME} when the runtime carries them, else {@link Kind#JDK}
   */
  public static Kind carrier() {
    return KIND;
  }

  /**
   * Spawns {@code body} as a fiber of {@code runtime}.
   *
   * @param runtime the runtime that carries the fiber
   * @param body the fiber's code
   * @param <T> its result type
   * @return the fiber's handle
   * @throws dev.gearbox.runtime.RuntimeClosedException if the runtime is shut down
   */
  public static <T> JoinHandle<T> spawn(Runtime runtime, Callable<T> body) {
    return spawn(runtime, null, body);
  }

  /**
   * Spawns {@code body} as a fiber of {@code runtime} under {@code name}: the task's name in dumps
   * and the virtual thread's name in thread dumps.
   *
   * @param runtime the runtime that carries the fiber
   * @param name the name, checked by the caller ({@link TaskNames}), or null for none
   * @param body the fiber's code
   * @param <T> its result type
   * @return the fiber's handle
   * @throws dev.gearbox.runtime.RuntimeClosedException if the runtime is shut down
   */
  public static <T> JoinHandle<T> spawn(Runtime runtime, String name, Callable<T> body) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(body, "body");
    if (REFUSED != null) {
      throw new IllegalArgumentException(REFUSED);
    }
    boolean carried = KIND == Kind.RUNTIME;
    if (!carried) {
      warnOnce();
    }
    FiberTask<T> fiber = new FiberTask<>(runtime, body, carried);
    Thread thread =
        carried ? newCarriedThread(fiber) : Thread.ofVirtual().unstarted(fiber::runBody);
    if (name != null) {
      thread.setName(name);
    }
    fiber.bind(thread);
    // its first poll starts a carried thread
    JoinHandle<Void> task = name == null ? runtime.spawn(fiber) : runtime.spawn(name, fiber);
    fiber.handle.bindTask(task);
    if (!carried) {
      thread.start();
    }
    return fiber.handle;
  }

  /**
   * Whether the current thread is a fiber.
   *
   * @return true inside a fiber
   */
  public static boolean inFiber() {
    return FiberTask.current() != null;
  }

  /**
   * The platform thread that runs the calling code: the current thread, or, inside a fiber that a
   * runtime carries, the worker polling the fiber now. A scheduler finds its own worker with it, so
   * that a wake or spawn from a fiber goes to that worker's local queue as one from a task does.
   * Safe for worker-owned state as long as nothing between the lookup and its use can park the
   * fiber: it runs on that worker's thread, with the worker inside its poll, until it parks.
   *
   * @return the carrier thread
   */
  public static Thread carrierThread() {
    Thread current = Thread.currentThread();
    if (!current.isVirtual()) {
      return current;
    }
    FiberTask<?> fiber = FiberTask.current();
    Thread poller = fiber == null ? null : fiber.poller();
    return poller != null ? poller : current;
  }

  /**
   * Whether the current thread is a fiber that {@code runtime} carries: its code then runs only on
   * that runtime's threads (a single-threaded runtime may treat it as its own thread).
   *
   * @param runtime a runtime
   * @return true inside a fiber of {@code runtime} carried by it
   */
  public static boolean carriedBy(Runtime runtime) {
    FiberTask<?> fiber = FiberTask.current();
    return fiber != null && fiber.runtime() == runtime && fiber.carriedNow();
  }

  /**
   * Waits in the current fiber until {@code future} is ready and returns its output; see {@code
   * Fiber.await}.
   *
   * @param future the future to await
   * @param <T> its output type
   * @return the output
   * @throws IllegalStateException outside a fiber
   */
  public static <T> T await(Future<T> future) {
    Objects.requireNonNull(future, "future");
    FiberTask<?> fiber = FiberTask.current();
    if (fiber == null) {
      throw notInFiber("Fiber.await()");
    }
    return fiber.await(future);
  }

  /**
   * Runs {@code future} as a task of {@code runtime} and waits in the current fiber for its output;
   * what {@code blockOn} does inside a fiber. The future's failure is thrown as it is (a checked
   * one wrapped in a {@link java.util.concurrent.CompletionException}); cancelling the fiber aborts
   * the task.
   *
   * @param runtime the runtime to run the future on
   * @param future the future
   * @param <T> its output type
   * @return the output
   * @throws IllegalStateException outside a fiber
   */
  public static <T> T awaitOn(Runtime runtime, Future<T> future) {
    Objects.requireNonNull(future, "future");
    FiberTask<?> fiber = FiberTask.current();
    if (fiber == null) {
      throw notInFiber("Runtime.blockOn() in a fiber");
    }
    return fiber.awaitOn(runtime, future);
  }

  /**
   * The error of a fiber-only call made elsewhere: names the thread and the way out.
   *
   * @param operation the call, for the message
   * @return the exception to throw
   */
  public static IllegalStateException notInFiber(String operation) {
    String where =
        CurrentRuntime.get() != null && !CurrentRuntime.mayBlock()
            ? "inside a poll of a task of runtime '" + CurrentRuntime.get().kind() + "'"
            : "outside a fiber";
    return new IllegalStateException(
        operation
            + " called "
            + where
            + " on thread '"
            + Thread.currentThread().getName()
            + "': it works only inside a fiber (spawn one with runtime.spawnFiber or"
            + " Fiber.spawn); inside a task's poll compose futures instead, and on a plain thread"
            + " use runtime.blockOn(future)");
  }

  private static Thread newCarriedThread(FiberTask<?> fiber) {
    try {
      return (Thread) NEW_THREAD.invokeExact((Executor) fiber, (Runnable) fiber::runBody);
    } catch (Throwable e) {
      throw new IllegalStateException("could not create a carried virtual thread", e);
    }
  }

  private static synchronized void warnOnce() {
    if (warned || FALLBACK_REASON.startsWith(CARRIER_PROPERTY)) {
      return;
    }
    warned = true;
    String target = FiberCarrier.class.getModule().isNamed() ? "dev.gearbox.api" : "ALL-UNNAMED";
    LOG.log(
        System.Logger.Level.WARNING,
        "Gearbox fibers run on the JDK's default virtual-thread scheduler, not on their runtime:"
            + " start the JVM with --add-opens java.base/java.lang="
            + target
            + " --add-exports java.base/jdk.internal.vm="
            + target
            + " to let Gearbox runtimes carry them ("
            + FALLBACK_REASON
            + ")");
  }

  /**
   * {@code jdk.internal.vm.Continuation.pin()} and {@code unpin()}, which {@code --add-exports
   * java.base/jdk.internal.vm} makes accessible: a fiber polls what it awaits pinned to its worker
   * (see FiberTask's notes).
   */
  private static MethodHandle[] continuationPinning() throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
    MethodType none = MethodType.methodType(void.class);
    return new MethodHandle[] {
      lookup.findStatic(continuation, "pin", none), lookup.findStatic(continuation, "unpin", none)
    };
  }

  /**
   * Pins the current fiber to its worker: a lock it waits for blocks the worker, as a task's does.
   */
  static void pin() {
    try {
      PIN.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("could not pin a fiber to its worker", e);
    }
  }

  /** Undoes {@link #pin()}. */
  static void unpin() {
    try {
      UNPIN.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("could not unpin a fiber from its worker", e);
    }
  }

  /**
   * The JDK's package-private factory of virtual threads with a given scheduler: {@code
   * ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)}, present in JDK 21 to 25.
   */
  private static MethodHandle virtualThreadFactory() throws ReflectiveOperationException {
    Class<?> builders = Class.forName("java.lang.ThreadBuilders");
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builders, MethodHandles.lookup());
    MethodHandle create =
        lookup.findStatic(
            builders,
            "newVirtualThread",
            MethodType.methodType(
                Thread.class, Executor.class, String.class, int.class, Runnable.class));
    // (scheduler, name, characteristics, task): unnamed, thread locals allowed
    MethodHandle bound = MethodHandles.insertArguments(create, 1, null, 0);
    return bound.asType(MethodType.methodType(Thread.class, Executor.class, Runnable.class));
  }
}
