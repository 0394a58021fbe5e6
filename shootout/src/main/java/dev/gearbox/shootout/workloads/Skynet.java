package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * skynet: a 10-ary tree of tasks of the given depth; a leaf returns its number, a parent spawns its
 * ten children, awaits their join handles and returns the sum, which is checked (depth 6: 1,111,111
 * tasks, sum 499,999,500,000). Unit: a task.
 */
public final class Skynet implements Workload {
  private static final int MAX_DEPTH = 8;
  private final int depth;
  private final long tasks;
  private final long expectedSum;

  /**
   * A skynet of the given depth.
   *
   * @param depth the tree's depth, from 1 to 8
   * @throws IllegalArgumentException if {@code depth} is out of range
   */
  public Skynet(int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "depth=" + depth + " is not allowed: expected 1 to " + MAX_DEPTH);
    }
    this.depth = depth;
    long leaves = 1;
    long all = 1;
    for (int level = 0; level < depth; level++) {
      leaves *= 10;
      all += leaves;
    }
    this.tasks = all;
    this.expectedSum = leaves * (leaves - 1) / 2;
  }

  @Override
  public String name() {
    return "skynet";
  }

  @Override
  public String unit() {
    return "task";
  }

  @Override
  public long unitsPerRun() {
    return tasks;
  }

  /**
   * The sum a correct run returns: the sum of the leaves' numbers.
   *
   * @return the expected sum
   */
  public long expectedSum() {
    return expectedSum;
  }

  @Override
  public void run(Runtime runtime) {
    long sum = runtime.spawn(new Node(0, depth)).join();
    check(sum == expectedSum, "skynet sum " + sum + ", expected " + expectedSum);
  }

  /** A node of the tree: a leaf returns its number, a parent sums its ten children. */
  private static final class Node implements Future<Long> {
    private final long number;
    private final int depth;
    private SumInOrder<Long> sum;

    Node(long number, int depth) {
      this.number = number;
      this.depth = depth;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      if (depth == 0) {
        return Poll.ready(number);
      }
      if (sum == null) {
        List<JoinHandle<Long>> children = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
          children.add(Task.spawn(new Node(number * 10 + i, depth - 1)));
        }
        sum = new SumInOrder<>(children);
      }
      return sum.poll(cx);
    }
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    long sum =
        CompletableFuture.supplyAsync(() -> node(pool, 0, depth), pool).thenCompose(f -> f).join();
    check(sum == expectedSum, "skynet sum " + sum + ", expected " + expectedSum);
    return true;
  }

  private static CompletableFuture<Long> node(ForkJoinPool pool, long number, int depth) {
    if (depth == 0) {
      return CompletableFuture.completedFuture(number);
    }
    List<CompletableFuture<Long>> children = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      long child = number * 10 + i;
      children.add(
          CompletableFuture.supplyAsync(() -> node(pool, child, depth - 1), pool)
              .thenCompose(f -> f));
    }
    return CompletableFuture.allOf(children.toArray(CompletableFuture<?>[]::new))
        .thenApply(
            v -> {
              long sum = 0;
              for (CompletableFuture<Long> c : children) {
                sum += c.join();
              }
              return sum;
            });
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    long sum = executor.submit(() -> node(executor, 0, depth)).get();
    check(sum == expectedSum, "skynet sum " + sum + ", expected " + expectedSum);
    return true;
  }

  private static long node(ExecutorService executor, long number, int depth)
      throws InterruptedException, ExecutionException {
    if (depth == 0) {
      return number;
    }
    List<java.util.concurrent.Future<Long>> children = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      long child = number * 10 + i;
      children.add(executor.submit(() -> node(executor, child, depth - 1)));
    }
    long sum = 0;
    for (java.util.concurrent.Future<Long> child : children) {
      sum += child.get();
    }
    return sum;
  }
}
