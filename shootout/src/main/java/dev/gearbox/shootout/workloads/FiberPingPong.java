package dev.gearbox.shootout.workloads;

import static dev.gearbox.shootout.workloads.Checks.check;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.sync.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * fiber_ping_pong: ping_pong written as fibers. P pairs of fibers; within a pair A sends to B and B
 * answers A, R round trips per pair, over the runtime's one-slot channels ({@code
 * Channel.bounded(1)}) with {@link Fiber#await}; all pairs are awaited. Unit: a round trip. On
 * virtual threads it is {@link PingPong}'s version (plain virtual threads and {@code
 * ArrayBlockingQueue}s of capacity 1); there is no ForkJoinPool version.
 */
public final class FiberPingPong implements Workload {
  private final int pairs;
  private final int roundTrips;

  /**
   * A fiber_ping_pong of {@code pairs} pairs of {@code roundTrips} round trips each.
   *
   * @param pairs P, at least 1
   * @param roundTrips R, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public FiberPingPong(int pairs, int roundTrips) {
    this.pairs = Checks.atLeast("pairs", pairs, 1);
    this.roundTrips = Checks.atLeast("roundTrips", roundTrips, 1);
  }

  @Override
  public String name() {
    return "fiber_ping_pong";
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
      handles.add(runtime.spawnFiber(() -> serve(ping.sender(), pong.receiver())));
      handles.add(runtime.spawnFiber(() -> answer(ping.receiver(), pong.sender())));
    }
    check(runtime.blockOn(new SumInOrder<>(handles)) == 2L * roundTrips * pairs, "fiber_ping_pong");
  }

  /** A: sends R pings, each after the answer to the previous one; the answers counted. */
  private Integer serve(Channel.Sender<Integer> out, Channel.Receiver<Integer> in) {
    int answered = 0;
    for (int r = 0; r < roundTrips; r++) {
      Fiber.await(out.send(r));
      check(Fiber.await(in.receive()) == r, "fiber_ping_pong answered out of order");
      answered++;
    }
    return answered;
  }

  /** B: answers R pings with the value it received; the answers counted. */
  private Integer answer(Channel.Receiver<Integer> in, Channel.Sender<Integer> out) {
    int answered = 0;
    for (int r = 0; r < roundTrips; r++) {
      Fiber.await(out.send(Fiber.await(in.receive())));
      answered++;
    }
    return answered;
  }

  @Override
  public boolean runOnVirtualThreads(ExecutorService executor) throws Exception {
    return new PingPong(pairs, roundTrips).runOnVirtualThreads(executor);
  }
}
