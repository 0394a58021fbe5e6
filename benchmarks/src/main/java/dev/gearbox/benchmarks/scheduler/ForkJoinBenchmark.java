package dev.gearbox.benchmarks.scheduler;

import static dev.gearbox.benchmarks.scheduler.Workloads.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JDK baseline: the scheduler workloads on a {@link ForkJoinPool} of 2 threads in async (FIFO)
 * mode, with {@link CompletableFuture} continuations standing for tasks, yields and joins.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForkJoinBenchmark {
  private ForkJoinPool pool;

  /** Starts the pool. */
  @Setup(Level.Trial)
  public void start() {
    pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
  }

  /** Stops the pool. */
  @TearDown(Level.Trial)
  public void stop() {
    pool.shutdownNow();
  }

  /** spawn_many: one task spawns N tasks; the last to count signals. */
  @Benchmark
  public void spawnMany() {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    AtomicInteger counter = new AtomicInteger();
    CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < SPAWN_MANY; i++) {
                CompletableFuture.runAsync(
                    () -> {
                      if (counter.incrementAndGet() == SPAWN_MANY) {
                        done.complete(true);
                      }
                    },
                    pool);
              }
            },
            pool)
        .thenCompose(v -> done)
        .join();
  }

  /** spawn_remote: N tasks submitted from outside, joined in order. */
  @Benchmark
  public void spawnRemote() {
    List<CompletableFuture<Integer>> handles = new ArrayList<>(SPAWN_REMOTE);
    for (int i = 0; i < SPAWN_REMOTE; i++) {
      int index = i;
      handles.add(CompletableFuture.supplyAsync(() -> index, pool));
    }
    long sum = 0;
    for (CompletableFuture<Integer> handle : handles) {
      sum += handle.join();
    }
    check(sum == (long) SPAWN_REMOTE * (SPAWN_REMOTE - 1) / 2, "spawn_remote sum");
  }

  /** yield_many: each yield is a continuation resubmitted to the pool. */
  @Benchmark
  public void yieldMany() {
    List<CompletableFuture<Void>> handles = new ArrayList<>(YIELD_TASKS);
    for (int t = 0; t < YIELD_TASKS; t++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      pool.execute(new Yielder(done));
      handles.add(done);
    }
    CompletableFuture.allOf(handles.toArray(CompletableFuture<?>[]::new)).join();
  }

  private final class Yielder implements Runnable {
    private final CompletableFuture<Void> done;
    private int yields;

    Yielder(CompletableFuture<Void> done) {
      this.done = done;
    }

    @Override
    public void run() {
      if (yields == YIELDS) {
        done.complete(null);
      } else {
        yields++;
        CompletableFuture.runAsync(this, pool);
      }
    }
  }

  /** ping_pong: each message is a future completed by one side and continued on by the other. */
  @Benchmark
  public void pingPong() {
    List<CompletableFuture<Integer>> pairs = new ArrayList<>(PING_PONG_PAIRS);
    for (int p = 0; p < PING_PONG_PAIRS; p++) {
      pairs.add(CompletableFuture.supplyAsync(() -> 0, pool).thenCompose(this::rounds));
    }
    for (CompletableFuture<Integer> pair : pairs) {
      check(pair.join() == ROUND_TRIPS, "ping_pong");
    }
  }

  private CompletableFuture<Integer> rounds(int round) {
    if (round == ROUND_TRIPS) {
      return CompletableFuture.completedFuture(round);
    }
    CompletableFuture<Integer> ping = new CompletableFuture<>();
    CompletableFuture<Integer> pong = ping.thenApplyAsync(value -> value + 1, pool); // B answers
    pool.execute(() -> ping.complete(round)); // A sends
    return pong.thenComposeAsync(this::rounds, pool); // A receives the answer
  }

  /** chained_spawn: each task spawns the next; the last signals. */
  @Benchmark
  public void chainedSpawn() {
    for (int c = 0; c < CHAINS; c++) {
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      CompletableFuture.runAsync(() -> link(CHAIN_DEPTH, done), pool);
      check(done.join(), "chained_spawn");
    }
  }

  private void link(int remaining, CompletableFuture<Boolean> done) {
    if (remaining == 1) {
      done.complete(true);
    } else {
      CompletableFuture.runAsync(() -> link(remaining - 1, done), pool);
    }
  }

  /** skynet: a node spawns its 10 children and sums their futures. */
  @Benchmark
  public void skynet() {
    long sum =
        CompletableFuture.supplyAsync(() -> node(0, SKYNET_DEPTH), pool).thenCompose(f -> f).join();
    check(sum == SKYNET_SUM, "skynet sum " + sum);
  }

  private CompletableFuture<Long> node(long number, int depth) {
    if (depth == 0) {
      return CompletableFuture.completedFuture(number);
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<Long>[] children = new CompletableFuture[10];
    for (int i = 0; i < 10; i++) {
      long child = number * 10 + i;
      children[i] =
          CompletableFuture.supplyAsync(() -> node(child, depth - 1), pool).thenCompose(f -> f);
    }
    return CompletableFuture.allOf(children)
        .thenApply(
            v -> {
              long sum = 0;
              for (CompletableFuture<Long> c : children) {
                sum += c.join();
              }
              return sum;
            });
  }
}
