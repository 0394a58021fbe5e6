package dev.gearbox.benchmarks;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Mutex;
import dev.gearbox.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Mutex} and {@link Semaphore} under contention on the minimal runtime: {@code tasks} tasks
 * each take and release the lock (or one of 2 permits) {@link #ROUNDS} times, updating shared state
 * while they hold it. The score is acquire-release pairs per microsecond.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockBenchmark {
  /** Acquisitions per task per invocation. */
  public static final int ROUNDS = 2_000;

  /** Contending tasks. */
  @Param({"8"})
  public int tasks;

  /** Creates the benchmark; JMH calls this. */
  public LockBenchmark() {}

  /**
   * Contended lock, increment, unlock.
   *
   * @param state the runtime
   * @return the final count
   */
  @Benchmark
  @OperationsPerInvocation(8 * ROUNDS)
  public long mutex(MinimalRuntimeState state) {
    Mutex<long[]> mutex = new Mutex<>(new long[1]);
    run(
        state.runtime,
        () ->
            mutex
                .lock()
                .map(
                    guard -> {
                      try (guard) {
                        guard.get()[0]++;
                      }
                      return null;
                    }));
    return mutex.tryLock().get()[0];
  }

  /**
   * Contended acquire of one of two permits, increment, release.
   *
   * @param state the runtime
   * @return the free permits at the end
   */
  @Benchmark
  @OperationsPerInvocation(8 * ROUNDS)
  public int semaphore(MinimalRuntimeState state) {
    Semaphore semaphore = new Semaphore(2);
    long[] counter = new long[1];
    run(
        state.runtime,
        () ->
            semaphore
                .acquire()
                .map(
                    permit -> {
                      try (permit) {
                        synchronized (counter) {
                          counter[0]++;
                        }
                      }
                      return null;
                    }));
    return semaphore.availablePermits();
  }

  private void run(Runtime runtime, Supplier<Future<Object>> step) {
    List<JoinHandle<Void>> handles = new ArrayList<>();
    for (int task = 0; task < tasks; task++) {
      handles.add(runtime.spawn(Futures.repeat(ROUNDS, i -> step.get())));
    }
    for (JoinHandle<Void> handle : handles) {
      handle.join();
    }
  }
}
