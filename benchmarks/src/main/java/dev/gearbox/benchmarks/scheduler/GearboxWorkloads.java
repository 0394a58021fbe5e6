package dev.gearbox.benchmarks.scheduler;

import static dev.gearbox.benchmarks.scheduler.Workloads.*;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Channel;
import dev.gearbox.sync.Oneshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The scheduler workloads written once against the Gearbox API, for any Gearbox runtime. */
final class GearboxWorkloads {
  private GearboxWorkloads() {}

  static void spawnMany(Runtime runtime) {
    Oneshot.Pair<Boolean> done = Oneshot.channel();
    AtomicInteger counter = new AtomicInteger();
    Future<Boolean> spawner =
        new Future<>() {
          private boolean spawned;

          @Override
          public Poll<Boolean> poll(Context cx) throws Exception {
            if (!spawned) {
              spawned = true;
              for (int i = 0; i < SPAWN_MANY; i++) {
                Task.spawn(
                    c -> {
                      if (counter.incrementAndGet() == SPAWN_MANY) {
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

  static void spawnRemote(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(SPAWN_REMOTE);
    for (int i = 0; i < SPAWN_REMOTE; i++) {
      int index = i;
      handles.add(runtime.spawn(cx -> Poll.ready(index)));
    }
    long sum = runtime.blockOn(new SumInOrder<>(handles));
    check(sum == (long) SPAWN_REMOTE * (SPAWN_REMOTE - 1) / 2, "spawn_remote sum");
  }

  static void yieldMany(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(YIELD_TASKS);
    for (int t = 0; t < YIELD_TASKS; t++) {
      handles.add(
          runtime.spawn(
              new Future<Integer>() {
                private int yields;

                @Override
                public Poll<Integer> poll(Context cx) {
                  if (yields == YIELDS) {
                    return Poll.ready(1);
                  }
                  yields++;
                  cx.waker().wake();
                  return Poll.pending();
                }
              }));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == YIELD_TASKS, "yield_many");
  }

  static void pingPong(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(2 * PING_PONG_PAIRS);
    for (int p = 0; p < PING_PONG_PAIRS; p++) {
      Channel.Pair<Integer> ping = Channel.bounded(1);
      Channel.Pair<Integer> pong = Channel.bounded(1);
      handles.add(runtime.spawn(new Player(ping.sender(), pong.receiver(), true)));
      handles.add(runtime.spawn(new Player(pong.sender(), ping.receiver(), false)));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == 2L * PING_PONG_PAIRS, "ping_pong");
  }

  /** One side of a ping-pong pair: 2 * ROUND_TRIPS steps, alternately sending and receiving. */
  private static final class Player implements Future<Integer> {
    private final Channel.Sender<Integer> out;
    private final Channel.Receiver<Integer> in;
    private final boolean startsBySending;
    private int steps;
    private Future<?> step;

    Player(Channel.Sender<Integer> out, Channel.Receiver<Integer> in, boolean startsBySending) {
      this.out = out;
      this.in = in;
      this.startsBySending = startsBySending;
    }

    @Override
    public Poll<Integer> poll(Context cx) throws Exception {
      while (steps < 2 * ROUND_TRIPS) {
        if (step == null) {
          boolean send = (steps % 2 == 0) == startsBySending;
          step = send ? out.send(steps) : in.receive();
        }
        if (step.poll(cx) instanceof Poll.Pending) {
          return Poll.pending();
        }
        step = null;
        steps++;
      }
      return Poll.ready(1);
    }
  }

  static void chainedSpawn(Runtime runtime) {
    for (int c = 0; c < CHAINS; c++) {
      Oneshot.Pair<Boolean> done = Oneshot.channel();
      runtime.spawn(new Link(CHAIN_DEPTH, done.sender()));
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

  static void skynet(Runtime runtime) {
    long sum = runtime.spawn(new Skynet(0, SKYNET_DEPTH)).join();
    check(sum == SKYNET_SUM, "skynet sum " + sum);
  }

  /** A node of the skynet tree: a leaf returns its number, a parent sums its ten children. */
  private static final class Skynet implements Future<Long> {
    private final long number;
    private final int depth;
    private List<JoinHandle<Long>> children;
    private SumInOrder<Long> sum;

    Skynet(long number, int depth) {
      this.number = number;
      this.depth = depth;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      if (depth == 0) {
        return Poll.ready(number);
      }
      if (children == null) {
        children = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
          children.add(Task.spawn(new Skynet(number * 10 + i, depth - 1)));
        }
        sum = new SumInOrder<>(children);
      }
      return sum.poll(cx);
    }
  }

  /** Awaits handles in order and sums their outputs. */
  private static final class SumInOrder<T extends Number> implements Future<Long> {
    private final List<JoinHandle<T>> handles;
    private int next;
    private long sum;

    SumInOrder(List<JoinHandle<T>> handles) {
      this.handles = handles;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      while (next < handles.size()) {
        if (handles.get(next).poll(cx) instanceof Poll.Ready<T>(T value)) {
          sum += value.longValue();
          next++;
        } else {
          return Poll.pending();
        }
      }
      return Poll.ready(sum);
    }
  }
}
