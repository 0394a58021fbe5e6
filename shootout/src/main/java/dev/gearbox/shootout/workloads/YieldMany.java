package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * yield_many: T tasks each yield Y times (wake themselves and return Pending), then finish; all are
 * awaited. Unit: a yield. On the ForkJoinPool a yield is a continuation resubmitted to the pool; on
 * virtual threads it is {@link Thread#yield()}.
 */
public final class YieldMany implements Workload {
  private final int tasks;
  private final int yields;

  /**
   * A yield_many of {@code tasks} tasks of {@code yields} yields each.
   *
   * @param tasks T, at least 1
   * @param yields Y, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public YieldMany(int tasks, int yields) {
    this.tasks = Checks.atLeast("tasks", tasks, 1);
    this.yields = Checks.atLeast("yields", yields, 1);
  }

  @Override
  public String name() {
    return "yield_many";
  }

  @Override
  public String unit() {
    return "yield";
  }

  @Override
  public long unitsPerRun() {
    return (long) tasks * yields;
  }

  @Override
  public void run(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      handles.add(runtime.spawn(new Yielder()));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == tasks, "yield_many");
  }

  /** A task that yields {@code yields} times, then returns 1. */
  private final class Yielder implements Future<Integer> {
    private int done;

    @Override
    public Poll<Integer> poll(Context cx) {
      if (done == yields) {
        return Poll.ready(1);
      }
      done++;
      cx.waker().wake();
      return Poll.pending();
    }
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    List<CompletableFuture<Void>> handles = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      pool.execute(new PoolYielder(pool, done));
      handles.add(done);
    }
    CompletableFuture.allOf(handles.toArray(CompletableFuture<?>[]::new)).join();
    return true;
  }

  /** The ForkJoinPool version of a yielding task: each yield resubmits itself. */
  private final class PoolYielder implements Runnable {
    private final ForkJoinPool pool;
    private final CompletableFuture<Void> finished;
    private int done;

    PoolYielder(ForkJoinPool pool, CompletableFuture<Void> finished) {
      this.pool = pool;
      this.finished = finished;
    }

    @Override
    public void run() {
      if (done == yields) {
        finished.complete(null);
      } else {
        done++;
        CompletableFuture.runAsync(this, pool);
      }
    }
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    List<java.util.concurrent.Future<?>> handles = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      handles.add(
          executor.submit(
              () -> {
                for (int y = 0; y < yields; y++) {
                  Thread.yield();
                }
              }));
    }
    for (java.util.concurrent.Future<?> handle : handles) {
      handle.get();
    }
    return true;
  }
}
