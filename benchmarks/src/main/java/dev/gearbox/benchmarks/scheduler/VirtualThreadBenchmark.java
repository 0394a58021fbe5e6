package dev.gearbox.benchmarks.scheduler;

import static dev.gearbox.benchmarks.scheduler.Workloads.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * JDK baseline: the scheduler workloads on virtual threads, one per task, with the virtual-thread
 * scheduler's parallelism set to 2; a yield is {@link Thread#yield()}, a channel an {@link
 * ArrayBlockingQueue} of capacity 1, a join {@link Future#get()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Djdk.virtualThreadScheduler.parallelism=2",
      "-Djdk.virtualThreadScheduler.maxPoolSize=2"
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VirtualThreadBenchmark {
  private ExecutorService executor;

  /** Creates the executor. */
  @Setup(Level.Trial)
  public void start() {
    executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  /** Closes the executor. */
  @TearDown(Level.Trial)
  public void stop() {
    executor.close();
  }

  /**
   * spawn_many.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void spawnMany() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger counter = new AtomicInteger();
    executor
        .submit(
            () -> {
              for (int i = 0; i < SPAWN_MANY; i++) {
                executor.execute(
                    () -> {
                      if (counter.incrementAndGet() == SPAWN_MANY) {
                        done.countDown();
                      }
                    });
              }
              done.await();
              return null;
            })
        .get();
  }

  /**
   * spawn_remote.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void spawnRemote() throws Exception {
    List<Future<Integer>> handles = new ArrayList<>(SPAWN_REMOTE);
    for (int i = 0; i < SPAWN_REMOTE; i++) {
      int index = i;
      handles.add(executor.submit(() -> index));
    }
    long sum = 0;
    for (Future<Integer> handle : handles) {
      sum += handle.get();
    }
    check(sum == (long) SPAWN_REMOTE * (SPAWN_REMOTE - 1) / 2, "spawn_remote sum");
  }

  /**
   * yield_many.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void yieldMany() throws Exception {
    List<Future<?>> handles = new ArrayList<>(YIELD_TASKS);
    for (int t = 0; t < YIELD_TASKS; t++) {
      handles.add(
          executor.submit(
              () -> {
                for (int y = 0; y < YIELDS; y++) {
                  Thread.yield();
                }
              }));
    }
    for (Future<?> handle : handles) {
      handle.get();
    }
  }

  /**
   * ping_pong.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void pingPong() throws Exception {
    List<Future<?>> handles = new ArrayList<>(2 * PING_PONG_PAIRS);
    for (int p = 0; p < PING_PONG_PAIRS; p++) {
      BlockingQueue<Integer> ping = new ArrayBlockingQueue<>(1);
      BlockingQueue<Integer> pong = new ArrayBlockingQueue<>(1);
      handles.add(
          executor.submit(
              () -> {
                for (int r = 0; r < ROUND_TRIPS; r++) {
                  ping.put(r);
                  pong.take();
                }
                return null;
              }));
      handles.add(
          executor.submit(
              () -> {
                for (int r = 0; r < ROUND_TRIPS; r++) {
                  pong.put(ping.take());
                }
                return null;
              }));
    }
    for (Future<?> handle : handles) {
      handle.get();
    }
  }

  /**
   * chained_spawn.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void chainedSpawn() throws Exception {
    for (int c = 0; c < CHAINS; c++) {
      CountDownLatch done = new CountDownLatch(1);
      executor.execute(() -> link(CHAIN_DEPTH, done));
      done.await();
    }
  }

  private void link(int remaining, CountDownLatch done) {
    if (remaining == 1) {
      done.countDown();
    } else {
      executor.execute(() -> link(remaining - 1, done));
    }
  }

  /**
   * skynet.
   *
   * @throws Exception if interrupted
   */
  @Benchmark
  public void skynet() throws Exception {
    long sum = executor.submit(() -> node(0, SKYNET_DEPTH)).get();
    check(sum == SKYNET_SUM, "skynet sum " + sum);
  }

  private long node(long number, int depth) throws InterruptedException, ExecutionException {
    if (depth == 0) {
      return number;
    }
    List<Future<Long>> children = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      long child = number * 10 + i;
      children.add(executor.submit(() -> node(child, depth - 1)));
    }
    long sum = 0;
    for (Future<Long> c : children) {
      sum += c.get();
    }
    return sum;
  }
}
