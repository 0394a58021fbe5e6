package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Channel;
import dev.gearbox.sync.Oneshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workloads the main program runs: four of the standard scheduler workloads
 * (docs/workloads.md), each written with the SPI's combinators and channels, each checked for the
 * right answer.
 */
final class Tour {
  private Tour() {}

  /** What one step measured. */
  record Result(long units, long nanos) {}

  /** One workload. */
  interface Step {
    String name();

    String unit();

    Result run(Runtime runtime);
  }

  private record Timed(String name, String unit, long units, Future<?> workload) {}

  static List<Step> steps() {
    return List.of(
        step("spawn_many", "task", 100_000, Tour::spawnMany),
        step("yield_many", "yield", 200 * 1_000, units -> yieldMany(200, 1_000)),
        step("ping_pong", "round trip", 1_000 * 100, units -> pingPong(1_000, 100)),
        step("chained_spawn", "spawn", 100 * 1_000, units -> chainedSpawn(100, 1_000)));
  }

  private static Step step(
      String name, String unit, long units, java.util.function.LongFunction<Future<?>> workload) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String unit() {
        return unit;
      }

      @Override
      public Result run(Runtime runtime) {
        long start = System.nanoTime();
        runtime.blockOn(Futures.lazy(() -> runtime.spawn(workload.apply(units))).flatMap(h -> h));
        return new Result(units, System.nanoTime() - start);
      }
    };
  }

  /** Spawns {@code n} tasks that each count one; the last one signals the spawner. */
  static Future<?> spawnMany(long n) {
    AtomicLong counter = new AtomicLong();
    Oneshot.Pair<Boolean> done = Oneshot.channel();
    return Futures.lazy(
            () -> {
              for (long i = 0; i < n; i++) {
                Task.spawn(
                    Futures.lazy(() -> counter.incrementAndGet() == n && done.sender().send(true)));
              }
              return null;
            })
        .andThen(done.receiver());
  }

  /** {@code tasks} tasks that each yield {@code yields} times. */
  static Future<?> yieldMany(int tasks, int yields) {
    return Futures.lazy(
            () -> {
              List<JoinHandle<Void>> handles = new ArrayList<>();
              for (int i = 0; i < tasks; i++) {
                handles.add(Task.spawn(Futures.repeat(yields, ignored -> Futures.yieldNow())));
              }
              return handles;
            })
        .flatMap(Futures::joinAll);
  }

  /** {@code pairs} pairs of tasks that exchange {@code rounds} messages over one-slot channels. */
  static Future<?> pingPong(int pairs, int rounds) {
    return Futures.lazy(
            () -> {
              List<JoinHandle<Void>> handles = new ArrayList<>();
              for (int i = 0; i < pairs; i++) {
                Channel.Pair<Integer> ping = Channel.bounded(1);
                Channel.Pair<Integer> pong = Channel.bounded(1);
                handles.add(
                    Task.spawn(
                        Futures.repeat(
                            rounds,
                            round ->
                                ping.sender().send(round).andThen(pong.receiver().receive()))));
                handles.add(
                    Task.spawn(
                        Futures.repeat(
                            rounds,
                            round ->
                                ping.receiver()
                                    .receive()
                                    .flatMap(value -> pong.sender().send(value)))));
              }
              return handles;
            })
        .flatMap(Futures::joinAll);
  }

  /** {@code chains} chains, one after another, of {@code depth} tasks each spawning the next. */
  static Future<?> chainedSpawn(int chains, int depth) {
    return Futures.repeat(
        chains,
        chain -> {
          Oneshot.Pair<Boolean> done = Oneshot.channel();
          Task.spawn(link(depth, done.sender()));
          return done.receiver();
        });
  }

  private static Future<Void> link(int remaining, Oneshot.Sender<Boolean> done) {
    return cx -> {
      if (remaining == 0) {
        done.send(true);
      } else {
        Task.spawn(link(remaining - 1, done));
      }
      return Poll.ready();
    };
  }
}
