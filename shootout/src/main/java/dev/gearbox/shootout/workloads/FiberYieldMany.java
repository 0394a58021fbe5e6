package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * fiber_yield_many: yield_many written as fibers. T fibers each call {@link Fiber#yieldNow()} Y
 * times, then finish; all are awaited. Unit: a yield. On virtual threads it is {@link YieldMany}'s
 * version (plain virtual threads calling {@link Thread#yield()}); there is no ForkJoinPool version.
 */
public final class FiberYieldMany implements Workload {
  private final int fibers;
  private final int yields;

  /**
   * A fiber_yield_many of {@code fibers} fibers of {@code yields} yields each.
   *
   * @param fibers T, at least 1
   * @param yields Y, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public FiberYieldMany(int fibers, int yields) {
    this.fibers = Checks.atLeast("fibers", fibers, 1);
    this.yields = Checks.atLeast("yields", yields, 1);
  }

  @Override
  public String name() {
    return "fiber_yield_many";
  }

  @Override
  public String unit() {
    return "yield";
  }

  @Override
  public long unitsPerRun() {
    return (long) fibers * yields;
  }

  @Override
  public void run(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(fibers);
    for (int f = 0; f < fibers; f++) {
      handles.add(runtime.spawnFiber(this::yieldAll));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == fibers, "fiber_yield_many");
  }

  /** A fiber's body: Y yields, then 1. */
  private Integer yieldAll() {
    for (int y = 0; y < yields; y++) {
      Fiber.yieldNow();
    }
    return 1;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    return new YieldMany(fibers, yields).runOnVirtualThreads(executor);
  }
}
