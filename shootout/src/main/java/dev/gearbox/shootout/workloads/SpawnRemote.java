package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * spawn_remote: from a thread outside the runtime, spawn N tasks (each returns its index), then
 * await every join handle in order; the sum is checked. Unit: a task.
 */
public final class SpawnRemote implements Workload {
  private final int tasks;

  /**
   * A spawn_remote of {@code tasks} tasks.
   *
   * @param tasks N, at least 1
   * @throws IllegalArgumentException if {@code tasks} is below 1
   */
  public SpawnRemote(int tasks) {
    this.tasks = Checks.atLeast("tasks", tasks, 1);
  }

  @Override
  public String name() {
    return "spawn_remote";
  }

  @Override
  public String unit() {
    return "task";
  }

  @Override
  public long unitsPerRun() {
    return tasks;
  }

  private long expectedSum() {
    return (long) tasks * (tasks - 1) / 2;
  }

  @Override
  public void run(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      handles.add(runtime.spawn(cx -> Poll.ready(index)));
    }
    long sum = runtime.blockOn(new SumInOrder<>(handles));
    check(sum == expectedSum(), "spawn_remote sum " + sum);
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    List<CompletableFuture<Integer>> handles = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      handles.add(CompletableFuture.supplyAsync(() -> index, pool));
    }
    long sum = 0;
    for (CompletableFuture<Integer> handle : handles) {
      sum += handle.join();
    }
    check(sum == expectedSum(), "spawn_remote sum " + sum);
    return true;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    List<Future<Integer>> handles = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      handles.add(executor.submit(() -> index));
    }
    long sum = 0;
    for (Future<Integer> handle : handles) {
      sum += handle.get();
    }
    check(sum == expectedSum(), "spawn_remote sum " + sum);
    return true;
  }
}
