package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.UdpSocket;
import dev.gearbox.time.Time;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example of the simulated network: a replicated counter (a grow-only CRDT, one count per
 * replica, merged by taking the maximum) on three hosts that gossip their state over UDP every 10
 * ms. One replica is cut off by a partition while both sides count; after the partition heals,
 * every replica converges to the total, under 50 seeds, with a lossy network.
 */
class ReplicatedCounterTest {
  private static final int PORT = 9000;
  private static final int REPLICAS = 3;
  private static final Duration GOSSIP_PERIOD = Duration.ofMillis(10);

  /** One replica; touched only by tasks of the simulation's single thread. */
  private static final class Replica {
    final long[] counts = new long[REPLICAS];
    final int index;
    final SimHost host;
    UdpSocket socket;

    Replica(int index, SimHost host) {
      this.index = index;
      this.host = host;
    }

    void increment(int times) {
      counts[index] += times;
    }

    long value() {
      long sum = 0;
      for (long count : counts) {
        sum += count;
      }
      return sum;
    }

    ByteBuffer encode() {
      ByteBuffer state = ByteBuffer.allocate(8 * REPLICAS);
      for (long count : counts) {
        state.putLong(count);
      }
      return state.flip();
    }

    void merge(ByteBuffer state) {
      for (int i = 0; i < REPLICAS; i++) {
        counts[i] = Math.max(counts[i], state.getLong());
      }
    }

    /** Binds, then receives and gossips until the runtime shuts down. */
    Future<Void> run(List<InetSocketAddress> peers) {
      return Futures.lazy(() -> socket = UdpSocket.bind(new InetSocketAddress(PORT)))
          .flatMap(bound -> Futures.join(receiveLoop(), gossipLoop(peers)))
          .map(both -> null);
    }

    private Future<Void> receiveLoop() {
      return Futures.loop(
          0,
          (Integer received) -> {
            ByteBuffer buffer = ByteBuffer.allocate(8 * REPLICAS);
            return socket
                .receive(buffer)
                .map(
                    from -> {
                      merge(buffer.flip());
                      return Step.<Integer, Void>next(received + 1);
                    });
          });
    }

    private Future<Void> gossipLoop(List<InetSocketAddress> peers) {
      return Futures.loop(
          0,
          (Integer round) ->
              Time.sleep(GOSSIP_PERIOD)
                  .flatMap(
                      slept ->
                          Futures.joinAll(
                              peers.stream().map(peer -> socket.send(encode(), peer)).toList()))
                  .map(sent -> Step.<Integer, Void>next(round + 1)));
    }
  }

  private static Future<Void> sleep(long millis) {
    return Time.sleep(Duration.ofMillis(millis));
  }

  /** Waits until every replica shows {@code total}, checking every gossip period. */
  private static Future<Duration> converged(
      SimulatedRuntime runtime, List<Replica> replicas, long total) {
    return Futures.loop(
        0,
        (Integer checks) ->
            replicas.stream().allMatch(replica -> replica.value() == total)
                ? Futures.ready(Step.<Integer, Duration>done(runtime.clock().now()))
                : sleep(GOSSIP_PERIOD.toMillis()).map(slept -> Step.next(checks + 1)));
  }

  private static void scenario(SimulatedRuntime runtime) {
    SimNetwork network = runtime.network();
    network.setLatency(Duration.ofMillis(3));
    List<Replica> replicas = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      replicas.add(new Replica(i, network.host("replica-" + i)));
    }
    for (Replica replica : replicas) {
      List<InetSocketAddress> peers =
          replicas.stream()
              .filter(other -> other != replica)
              .map(other -> new InetSocketAddress(other.host.address(), PORT))
              .toList();
      replica.host.spawn("replica-" + replica.index, replica.run(peers));
      for (Replica other : replicas) {
        if (other != replica) {
          network.setLoss(replica.host, other.host, 0.2);
        }
      }
    }
    Replica isolated = replicas.get(0);
    long[] divergedAt = new long[2];
    Duration healedAfter =
        runtime.blockOn(
            sleep(5)
                .map(
                    ready -> {
                      replicas.get(0).increment(5);
                      replicas.get(1).increment(3);
                      return null;
                    })
                .flatMap(counted -> converged(runtime, replicas, 8))
                .map(
                    agreed -> {
                      for (Replica other : replicas.subList(1, REPLICAS)) {
                        network.partition(isolated.host, other.host);
                      }
                      isolated.increment(10); // both sides keep counting
                      replicas.get(2).increment(7);
                      return null;
                    })
                .flatMap(cut -> sleep(500))
                .map(
                    apart -> {
                      divergedAt[0] = isolated.value();
                      divergedAt[1] = replicas.get(1).value();
                      network.healAll();
                      return runtime.clock().now();
                    })
                .flatMap(
                    healedAt ->
                        Time.timeout(converged(runtime, replicas, 25), Duration.ofSeconds(5))
                            .map(done -> done.minus(healedAt))));
    assertThat(divergedAt[0]).as("the isolated replica saw only its side").isEqualTo(18);
    assertThat(divergedAt[1]).as("the majority saw only its side").isEqualTo(15);
    assertThat(replicas).allMatch(replica -> replica.value() == 25);
    assertThat(healedAfter).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void survivesAPartitionUnderEverySeed() {
    assertThat(Simulation.check(0, 50, ReplicatedCounterTest::scenario)).isEqualTo(50);
  }
}
