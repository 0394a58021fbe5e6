package dev.gearbox.examples;

import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.shootout.workloads.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Benchmarking your own workload on every runtime: a workload of your own, here "fan_in" (spawn
 * {@code tasks} small tasks from outside the runtime, each computing a checksum of its index, and
 * join them all at once), written once against the Gearbox {@code Runtime} and once on virtual
 * threads. {@link MyShootOut} runs it in the shoot-out beside the standard workloads.
 */
public final class MyWorkload implements Workload {
  private final int tasks;

  /**
   * A fan_in of {@code tasks} tasks.
   *
   * @param tasks how many tasks per run, at least 1
   * @throws IllegalArgumentException if {@code tasks} is below 1
   */
  public MyWorkload(int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks=" + tasks + " is not allowed: expected at least 1");
    }
    this.tasks = tasks;
  }

  @Override
  public String name() {
    return "fan_in";
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
   * What each task computes from its index: a little arithmetic, so the tasks are not empty.
   *
   * @param index the task's index
   * @return its checksum
   */
  static long checksum(int index) {
    long x = index * 0x9E3779B97F4A7C15L;
    return (x ^ (x >>> 31)) & 0xFFFF;
  }

  /**
   * The sum every correct run returns.
   *
   * @return the sum of the checksums of every index
   */
  long expectedSum() {
    long sum = 0;
    for (int i = 0; i < tasks; i++) {
      sum += checksum(i);
    }
    return sum;
  }

  @Override
  public void run(Runtime runtime) {
    List<JoinHandle<Long>> handles = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      handles.add(runtime.spawn(cx -> Poll.ready(checksum(index))));
    }
    long sum = runtime.blockOn(Futures.joinAll(handles)).stream().mapToLong(Long::longValue).sum();
    check(sum);
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    List<Future<Long>> handles = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      handles.add(executor.submit(() -> checksum(index)));
    }
    long sum = 0;
    for (Future<Long> handle : handles) {
      sum += handle.get();
    }
    check(sum);
    return true;
  }

  // No runOnForkJoin: the report shows n/a for the ForkJoinPool on this workload.

  private void check(long sum) {
    if (sum != expectedSum()) {
      throw new IllegalStateException("fan_in summed " + sum + ", expected " + expectedSum());
    }
  }
}
