package dev.gearbox.runtime;

import dev.gearbox.future.Future;
import dev.gearbox.time.Sleep;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A std-like static API, as async-std's {@code task::spawn} and {@code task::block_on}: the calls
 * go to the runtime of the calling thread (inside a task, {@code blockOn} or {@code
 * spawnBlocking}), and from any other thread to a default runtime created at first use.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   String text = Async.blockOn(AsyncFiles.readString(Path.of("notes.txt")));
 *   JoinHandle<Integer> length = Async.spawn(Futures.ready(text.length()));
 * }
 * }</pre>
 *
 * <p><b>The default runtime</b> is made by {@link Runtimes#create()}, configured as usual (system
 * properties such as {@code -Dgearbox.runtime=multithread}, {@code GEARBOX_RUNTIME}, {@code
 * gearbox.properties}), once, by the first call that needs it; a configuration error is thrown to
 * that call and the next call tries again. Its threads are daemon threads, so a program ends when
 * its {@code main} returns, with or without tasks still pending; a JVM shutdown hook then shuts it
 * down (tasks left are cancelled, so their {@code drop} runs; nothing is waited for). To end it
 * earlier, shut down {@link #defaultRuntime()} yourself; later calls that reach it fail with {@link
 * RuntimeClosedException}.
 */
public final class Async {
  /*
   * Implementation notes: the default runtime is created under the class's lock and published
   * through a volatile field (double-checked locking), so it is made at most once even when first
   * calls race; a failed creation leaves the field null. The current thread's runtime is read from
   * CurrentRuntime's thread-local, one lookup per call.
   */
  private static final Object LOCK = new Object();
  private static volatile Runtime defaultRuntime;

  private Async() {}

  /**
   * The default runtime, created at the first call.
   *
   * @return the default runtime
   * @throws ConfigException if the configuration selects no runtime or has a bad value
   */
  public static Runtime defaultRuntime() {
    Runtime runtime = defaultRuntime;
    if (runtime == null) {
      synchronized (LOCK) {
        runtime = defaultRuntime;
        if (runtime == null) {
          runtime = Runtimes.create();
          Runtime created = runtime;
          try {
            java.lang.Runtime.getRuntime()
                .addShutdownHook(
                    Thread.ofPlatform()
                        .name("gearbox-default-runtime-shutdown")
                        .unstarted(created::shutdown));
          } catch (IllegalStateException exiting) {
            // created while the JVM shuts down: its daemon threads end with it
          }
          defaultRuntime = runtime;
        }
      }
    }
    return runtime;
  }

  /**
   * Whether the default runtime was created already (calls from inside runtimes do not create it).
   *
   * @return true once created
   */
  public static boolean isDefaultRuntimeCreated() {
    return defaultRuntime != null;
  }

  /**
   * The runtime these calls use on this thread: the current runtime, else the default runtime.
   *
   * @return the runtime
   * @throws ConfigException if the default runtime must be created and cannot be
   */
  public static Runtime runtime() {
    Runtime current = CurrentRuntime.get();
    return current != null ? current : defaultRuntime();
  }

  /**
   * Spawns {@code future} as a new task, on the current runtime or the default one. Costs what the
   * runtime's {@code spawn} costs (one task object).
   *
   * @param future the future to run
   * @param <T> its output type
   * @return the task's handle
   * @throws RuntimeClosedException if that runtime is shut down
   */
  public static <T> JoinHandle<T> spawn(Future<T> future) {
    return runtime().spawn(future);
  }

  /**
   * Runs {@code future} to completion on the calling thread and returns its output: on the current
   * runtime from a blocking-pool thread, else on the default runtime.
   *
   * @param future the future to run
   * @param <T> its output type
   * @return the output
   * @throws IllegalStateException inside a task, where blocking would stall the runtime
   * @throws java.util.concurrent.CompletionException wrapping a checked exception of the future
   * @throws RuntimeClosedException if that runtime is shut down
   */
  public static <T> T blockOn(Future<T> future) {
    CurrentRuntime.checkMayBlock("Async.blockOn()");
    return runtime().blockOn(future);
  }

  /**
   * Runs {@code task} on the blocking pool of the current runtime or the default one.
   *
   * @param task the blocking work
   * @param <T> its result type
   * @return the task's handle
   * @throws RuntimeClosedException if that runtime is shut down
   */
  public static <T> JoinHandle<T> spawnBlocking(Callable<T> task) {
    return runtime().spawnBlocking(task);
  }

  /**
   * A future that completes after {@code duration}, on the timer of the runtime that polls it (as
   * {@link Time#sleep}); it creates no runtime.
   *
   * @param duration how long to sleep, counted from the first poll
   * @return the sleep
   */
  public static Sleep sleep(Duration duration) {
    return Time.sleep(duration);
  }
}
