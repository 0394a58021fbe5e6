package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * ping_pong: P pairs of tasks; within a pair A sends to B and B answers A, R round trips per pair,
 * over the runtime's one-slot channels ({@code Channel.bounded(1)}); all pairs are awaited. Unit: a
 * round trip. On the ForkJoinPool each message is a future completed by one side and continued on
 * by the other; on virtual threads the channels are {@link ArrayBlockingQueue}s of capacity 1.
 */
public final class PingPong implements Workload {
  private final int pairs;
  private final int roundTrips;

  /**
   * A ping_pong of {@code pairs} pairs of {@code roundTrips} round trips each.
   *
   * @param pairs P, at least 1
   * @param roundTrips R, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public PingPong(int pairs, int roundTrips) {
    this.pairs = Checks.atLeast("pairs", pairs, 1);
    this.roundTrips = Checks.atLeast("roundTrips", roundTrips, 1);
  }

  @Override
  public String name() {
    return "ping_pong";
  }

  @Override
  public String unit() {
    return "round trip";
  }

  @Override
  public long unitsPerRun() {
    return (long) pairs * roundTrips;
  }

  @Override
  public void run(Runtime runtime) {
    List<JoinHandle<Integer>> handles = new ArrayList<>(2 * pairs);
    for (int p = 0; p < pairs; p++) {
      Channel.Pair<Integer> ping = Channel.bounded(1);
      Channel.Pair<Integer> pong = Channel.bounded(1);
      handles.add(runtime.spawn(new Player(ping.sender(), pong.receiver(), true)));
      handles.add(runtime.spawn(new Player(pong.sender(), ping.receiver(), false)));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == 2L * pairs, "ping_pong");
  }

  /** One side of a pair: 2 R steps, alternately sending and receiving. */
  private final class Player implements Future<Integer> {
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
      while (steps < 2 * roundTrips) {
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

  @Override
  public boolean runOnForkJoin(ForkJoinPool pool) {
    List<CompletableFuture<Integer>> all = new ArrayList<>(pairs);
    for (int p = 0; p < pairs; p++) {
      all.add(CompletableFuture.supplyAsync(() -> 0, pool).thenCompose(r -> rounds(pool, r)));
    }
    for (CompletableFuture<Integer> pair : all) {
      check(pair.join() == roundTrips, "ping_pong");
    }
    return true;
  }

  private CompletableFuture<Integer> rounds(ForkJoinPool pool, int round) {
    if (round == roundTrips) {
      return CompletableFuture.completedFuture(round);
    }
    CompletableFuture<Integer> ping = new CompletableFuture<>();
    CompletableFuture<Integer> pong = ping.thenApplyAsync(value -> value + 1, pool); // B answers
    pool.execute(() -> ping.complete(round)); // A sends
    return pong.thenComposeAsync(next -> rounds(pool, next), pool); // A receives the answer
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    List<java.util.concurrent.Future<?>> handles = new ArrayList<>(2 * pairs);
    for (int p = 0; p < pairs; p++) {
      BlockingQueue<Integer> ping = new ArrayBlockingQueue<>(1);
      BlockingQueue<Integer> pong = new ArrayBlockingQueue<>(1);
      handles.add(
          executor.submit(
              () -> {
                for (int r = 0; r < roundTrips; r++) {
                  ping.put(r);
                  pong.take();
                }
                return null;
              }));
      handles.add(
          executor.submit(
              () -> {
                for (int r = 0; r < roundTrips; r++) {
                  pong.put(ping.take());
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> handle : handles) {
      handle.get();
    }
    return true;
  }
}
