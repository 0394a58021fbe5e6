package dev.gearbox.fiber;

import dev.gearbox.future.Future;
import dev.gearbox.runtime.CurrentRuntime;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.spi.FiberCarrier;
import dev.gearbox.spi.TaskNames;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Straight-line code on a Gearbox runtime. A fiber is a virtual thread whose scheduler is a
 * runtime: it reads straight down, and the runtime decides where and when it runs.
 *
 * <pre>{@code
 * try (Runtime rt = Runtimes.create()) {
 *   Channel.Pair<String> channel = Channel.bounded(16);
 *   rt.spawnFiber(() -> Fiber.await(channel.sender().send("hello")));
 *   String first = rt.spawnFiber(() -> Fiber.await(channel.receiver().receive())).join();
 * }
 * }</pre>
 *
 * <p>Inside a fiber, {@link #await} waits for any Gearbox future (a channel, a lock, a socket, a
 * task's handle), {@link #sleep} waits on the runtime's clock (a paused clock and the simulated
 * runtime's virtual time apply), and the JDK's blocking calls ({@code Thread.sleep}, {@code
 * java.net.Socket}, {@code BlockingQueue}, locks) park the fiber and resume it on its runtime.
 *
 * <p>Cancellation: {@link JoinHandle#abort()} of a fiber, a {@link FiberScope} cancelling its
 * forks, or shutdown of its runtime make its pending or next {@code await} drop the future and
 * throw {@link dev.gearbox.runtime.FiberCancelledException}, and interrupt a JDK blocking call.
 *
 * <p>Pinning: on JDK 21 to 23 a fiber that blocks inside {@code synchronized} blocks its worker too
 * (the JDK pins the virtual thread to its carrier); JDK 24 and later do not pin. Use {@code
 * java.util.concurrent} locks there on those JDKs.
 */
public final class Fiber {
  private static volatile Runtime defaultRuntime; // made by defaultRuntime() on first use

  private Fiber() {}

  /** What runs fibers' virtual threads in this JVM. */
  public enum Carrier {
    /** The Gearbox runtime each fiber was spawned on. */
    RUNTIME,
    /**
     * The JDK's default virtual-thread scheduler: the JVM lacks {@code --add-opens
     * java.base/java.lang=dev.gearbox.api --add-exports java.base/jdk.internal.vm=dev.gearbox.api}
     * ({@code ALL-UNNAMED} on the class path), or {@code gearbox.fiber.carrier=jdk} chose it.
     */
    JDK
  }

  /**
   * Spawns {@code body} as a fiber of the current runtime (inside a fiber, a task, {@code blockOn}
   * or {@code spawnBlocking}), or, on a thread of no runtime, of the {@linkplain #defaultRuntime()
   * default runtime}.
   *
   * @param body the fiber's code
   * @param <T> its result type
   * @return the fiber's handle
   * @throws dev.gearbox.runtime.ConfigException if the default runtime is needed and the
   *     configuration does not make one
   */
  public static <T> JoinHandle<T> spawn(Callable<T> body) {
    Objects.requireNonNull(body, "body");
    Runtime runtime = CurrentRuntime.get();
    return (runtime != null ? runtime : defaultRuntime()).spawnFiber(body);
  }

  /**
   * Spawns {@code body} as a fiber named {@code name}, on the runtime {@link #spawn(Callable)}
   * picks. The name is the task's in task dumps and the virtual thread's in thread dumps.
   *
   * @param name the fiber's name: 1 to 200 characters, not all white space, without control
   *     characters
   * @param body the fiber's code
   * @param <T> its result type
   * @return the fiber's handle
   * @throws IllegalArgumentException if the name breaks that rule
   * @throws dev.gearbox.runtime.ConfigException if the default runtime is needed and the
   *     configuration does not make one
   */
  public static <T> JoinHandle<T> spawn(String name, Callable<T> body) {
    TaskNames.check(name); // before the default runtime is made for a call that must fail
    Objects.requireNonNull(body, "body");
    Runtime runtime = CurrentRuntime.get();
    return (runtime != null ? runtime : defaultRuntime()).spawnFiber(name, body);
  }

  /**
   * The runtime of fibers spawned from threads of no runtime: made on first use by {@link
   * Runtimes#create()} from the configuration (system properties, environment, {@code
   * gearbox.properties}; {@code workstealing} by default), and made again if it was shut down. It
   * is never shut down by Gearbox; its threads are daemons, so it does not keep the JVM alive. A
   * runtime whose tasks run only inside {@code blockOn} (such as {@code minimal} with {@code
   * gearbox.workers=0}) runs no fibers on its own: create and drive your own runtime then.
   *
   * @return the default runtime
   * @throws dev.gearbox.runtime.ConfigException if the configuration does not make a runtime
   */
  public static Runtime defaultRuntime() {
    Runtime current = defaultRuntime;
    if (current == null || current.isShutdown()) {
      synchronized (Fiber.class) {
        current = defaultRuntime;
        if (current == null || current.isShutdown()) {
          current = Runtimes.create();
          defaultRuntime = current;
        }
      }
    }
    return current;
  }

  /**
   * Waits until {@code future} is ready and returns its output. Polls it with a waker that resumes
   * this fiber and parks the fiber while it is pending: the worker runs other tasks meanwhile. Free
   * of allocation per wait. A future that completes at once spends the fiber's cooperative budget,
   * so a fiber looping over always-ready futures yields its worker now and then.
   *
   * @param future the future to await; not polled again once ready
   * @param <T> its output type
   * @return its output
   * @throws dev.gearbox.runtime.FiberCancelledException if the fiber is cancelled or interrupted
   *     (the future was dropped)
   * @throws IllegalStateException outside a fiber, as inside a task's poll, where it would block a
   *     worker
   * @throws RuntimeException what the future's poll threw, as it is ({@link
   *     dev.gearbox.runtime.JoinException} when awaiting a failed task's handle)
   */
  public static <T> T await(Future<T> future) {
    return FiberCarrier.await(future);
  }

  /**
   * Sleeps for {@code duration} on the runtime's clock: a paused clock and the simulated runtime's
   * virtual time apply ({@code Thread.sleep} in a fiber works too, on the system clock).
   *
   * @param duration how long; zero or negative returns at once
   * @throws dev.gearbox.runtime.FiberCancelledException if the fiber is cancelled meanwhile
   * @throws IllegalStateException outside a fiber
   */
  public static void sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    await(Time.sleep(duration));
  }

  /**
   * Lets the runtime run its other ready tasks and fibers before this fiber continues.
   *
   * @throws IllegalStateException outside a fiber
   */
  public static void yieldNow() {
    if (!FiberCarrier.inFiber()) {
      throw FiberCarrier.notInFiber("Fiber.yieldNow()");
    }
    Thread.yield();
  }

  /**
   * Whether the current thread is a fiber.
   *
   * @return true inside a fiber
   */
  public static boolean isFiber() {
    return FiberCarrier.inFiber();
  }

  /**
   * What carries fibers in this JVM: their runtime, or (without the JDK flag) the JDK's default
   * scheduler.
   *
   * @return the carrier
   */
  public static Carrier carrier() {
    return FiberCarrier.carrier() == FiberCarrier.Kind.RUNTIME ? Carrier.RUNTIME : Carrier.JDK;
  }
}
