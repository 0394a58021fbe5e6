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

/**
 * chained_spawn: a task spawns a child, which spawns a child, and so on to depth D; the last
 * signals completion; C chains run one after another. Unit: a spawn.
 */
public final class ChainedSpawn implements Workload {
  private final int depth;
  private final int chains;

  /**
   * A chained_spawn of {@code chains} chains of depth {@code depth}.
   *
   * @param depth D, at least 1
   * @param chains C, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public ChainedSpawn(int depth, int chains) {
    this.depth = Checks.atLeast("depth", depth, 1);
    this.chains = Checks.atLeast("chains", chains, 1);
  }

  @Override
  public String name() {
    return "chained_spawn";
  }

  @Override
  public String unit() {
    return "spawn";
  }

  @Override
  public long unitsPerRun() {
    return (long) depth * chains;
  }

  @Override
  public void run(Runtime runtime) {
    for (int c = 0; c < chains; c++) {
      Oneshot.Pair<Boolean> done = Oneshot.channel();
      runtime.spawn(new Link(depth, done.sender()));
      check(runtime.blockOn(done.receiver()), "chained_spawn");
    }
  }

  /** A link of a chain: spawns the next link, or signals at the end. */
  private record Link(int remaining, Oneshot.Sender<Boolean> done) implements Future<Void> {
    @Override
    public Poll<Void> poll(Context cx) {
      if (remaining == 1) {
        done.send(true);
      } else {
        Task.spawn(new Link(remaining - 1, done));
      }
      return Poll.ready(null);
    }
  }

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    for (int c = 0; c < chains; c++) {
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      CompletableFuture.runAsync(() -> link(pool, depth, done), pool);
      check(done.join(), "chained_spawn");
    }
    return true;
  }

  private static void link(ForkJoinPool pool, int remaining, CompletableFuture<Boolean> done) {
    if (remaining == 1) {
      done.complete(true);
    } else {
      CompletableFuture.runAsync(() -> link(pool, remaining - 1, done), pool);
    }
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws InterruptedException {
    for (int c = 0; c < chains; c++) {
      CountDownLatch done = new CountDownLatch(1);
      executor.execute(() -> link(executor, depth, done));
      done.await();
    }
    return true;
  }

  private static void link(ExecutorService executor, int remaining, CountDownLatch done) {
    if (remaining == 1) {
      done.countDown();
    } else {
      executor.execute(() -> link(executor, remaining - 1, done));
    }
  }
}
