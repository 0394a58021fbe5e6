package dev.gearbox.shootout.workloads;

import dev.gearbox.runtime.Runtime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * One workload of the shoot-out: a fixed amount of work, run once per call, that checks its own
 * result. Implement it to measure your own code on every installed runtime and, if you write those
 * versions too, on the JDK baselines; pass it to {@link dev.gearbox.shootout.ShootOut#launch}.
 *
 * <p>A run must do the same work every time (the shoot-out times several runs and reports their
 * median) and must throw if its result is wrong, so that a fast but broken runtime is reported as
 * failed rather than as fast.
 *
 * <pre>{@code
 * final class Fanout implements Workload {
 *   public String name() { return "fanout"; }
 *   public String unit() { return "task"; }
 *   public long unitsPerRun() { return 10_000; }
 *   public void run(Runtime runtime) throws Exception { ... spawn, join, check ... }
 * }
 * }</pre>
 */
public interface Workload {

  /**
   * The name the shoot-out prints and {@code --workloads} selects: lower case letters, digits and
   * underscores, such as {@code spawn_many}.
   *
   * @return the name
   */
  String name();

  /**
   * What one unit of work is, singular, such as {@code task} or {@code round trip}; the report
   * gives the cost per unit.
   *
   * @return the unit
   */
  String unit();

  /**
   * How many units one run does.
   *
   * @return a positive count
   */
  long unitsPerRun();

  /**
   * Runs the workload once on a Gearbox runtime, from a thread outside it, and checks the result.
   *
   * @param runtime a runtime that runs nothing else meanwhile
   * @throws Exception if the run fails or its result is wrong
   */
  void run(Runtime runtime) throws Exception;

  /**
   * Runs the workload once on the ForkJoinPool baseline (async mode, {@code CompletableFuture}
   * continuations), from a thread outside the pool, and checks the result. The default has no such
   * version: it does nothing and returns false, and the report shows "n/a".
   *
   * @param pool the pool, which runs nothing else meanwhile
   * @return true if it ran; false if this workload has no ForkJoinPool version
   * @throws Exception if the run fails or its result is wrong
   */
  default boolean runOnForkJoin(ForkJoinPool pool) throws Exception {
    return false;
  }

  /**
   * Runs the workload once on the virtual-thread baseline (one virtual thread per task, blocking
   * joins and queues), from a thread outside it, and checks the result. The default has no such
   * version: it does nothing and returns false, and the report shows "n/a".
   *
   * @param executor a virtual-thread-per-task executor
   * @return true if it ran; false if this workload has no virtual-thread version
   * @throws Exception if the run fails or its result is wrong
   */
  default boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    return false;
  }
}
