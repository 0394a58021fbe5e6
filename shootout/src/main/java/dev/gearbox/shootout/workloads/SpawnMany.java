package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Oneshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * spawn_many: from inside one task, spawn N tasks; each adds 1 to a shared counter; the task that
 * brings it to N signals completion, which the spawner awaits. Unit: a task.
 */
public final class SpawnMany implements Workload {
  private final int tasks;

  /**
   * A spawn_many of {@code tasks} tasks.
   *
   * @param tasks N, at least 1
   * @throws IllegalArgumentException if {@code tasks} is below 1
   */
  public SpawnMany(int tasks) {
    this.tasks = Checks.atLeast("tasks", tasks, 1);
  }

  @Override
  public String name() {
    return "spawn_many";
  }

  @Override
  public String unit() {
    return "task";
  }

  @Override
  public long unitsPerRun() {
    return tasks;
  }

  @Override
  public void run(Runtime runtime) {
    Oneshot.Pair<Boolean> done = Oneshot.channel();
    AtomicInteger counter = new AtomicInteger();
    Future<Boolean> spawner =
        new Future<>() {
          private boolean spawned;

          @Override
          public Poll<Boolean> poll(Context cx) throws Exception {
            if (!spawned) {
              spawned = true;
              for (int i = 0; i < tasks; i++) {
                Task.spawn(
                    c -> {
                      if (counter.incrementAndGet() == tasks) {
                        done.sender().send(true);
                      }
                      return Poll.ready(null);
                    });
              }
            }
            return done.receiver().poll(cx);
          }
        };
    check(runtime.spawn(spawner).join(), "spawn_many");
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    AtomicInteger counter = new AtomicInteger();
    CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < tasks; i++) {
                CompletableFuture.runAsync(
                    () -> {
                      if (counter.incrementAndGet() == tasks) {
                        done.complete(true);
                      }
                    },
                    pool);
              }
            },
            pool)
        .thenCompose(v -> done)
        .join();
    return true;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger counter = new AtomicInteger();
    executor
        .submit(
            () -> {
              for (int i = 0; i < tasks; i++) {
                executor.execute(
                    () -> {
                      if (counter.incrementAndGet() == tasks) {
                        done.countDown();
                      }
                    });
              }
              done.await();
              return null;
            })
        .get();
    return true;
  }
}
