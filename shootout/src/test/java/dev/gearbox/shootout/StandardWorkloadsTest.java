package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.ChainedSpawn;
import dev.gearbox.shootout.workloads.PingPong;
import dev.gearbox.shootout.workloads.Skynet;
import dev.gearbox.shootout.workloads.SpawnMany;
import dev.gearbox.shootout.workloads.SpawnRemote;
import dev.gearbox.shootout.workloads.StandardWorkloads;
import dev.gearbox.shootout.workloads.TcpEcho;
import dev.gearbox.shootout.workloads.Workload;
import dev.gearbox.shootout.workloads.YieldMany;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWorkloadsTest {
  /** Every standard workload at a small size. */
  private static final List<Workload> SMALL =
      List.of(
          new SpawnMany(2_000),
          new SpawnRemote(2_000),
          new YieldMany(20, 50),
          new PingPong(20, 10),
          new ChainedSpawn(100, 5),
          new Skynet(3),
          new TcpEcho(4, 20));

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "workstealing"})
  @Timeout(120)
  void everyWorkloadRunsAndChecksItsResultOnAGearboxRuntime(String kind) throws Exception {
    Runtime runtime =
        Runtimes.create(
            RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind, "gearbox.workers", "2")));
    try {
      for (Workload workload : SMALL) {
        for (int run = 0; run < 3; run++) {
          workload.run(runtime);
        }
      }
    } finally {
      runtime.shutdown(Duration.ofSeconds(10));
    }
  }

  @Test
  @Timeout(120)
  void everyWorkloadRunsOnTheForkJoinPool() throws Exception {
    ForkJoinPool pool =
        new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    try {
      for (Workload workload : SMALL) {
        assertThat(workload.runOnForkJoin(pool)).as(workload.name()).isTrue();
      }
      // twice: a run's channel group ends with the run and leaves the pool to the next one
      for (Workload workload : SMALL) {
        assertThat(workload.runOnForkJoin(pool)).as(workload.name()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(120)
  void everyWorkloadRunsOnVirtualThreads() throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Workload workload : SMALL) {
        assertThat(workload.runOnVirtualThreads(executor)).as(workload.name()).isTrue();
      }
    }
  }

  @Test
  void theSizesAndUnitsAreThoseOfTheWorkloadDefinitions() {
    assertThat(StandardWorkloads.full())
        .extracting(Workload::name, Workload::unit, Workload::unitsPerRun)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spawn_many", "task", 100_000L),
            org.assertj.core.groups.Tuple.tuple("spawn_remote", "task", 100_000L),
            org.assertj.core.groups.Tuple.tuple("yield_many", "yield", 200_000L),
            org.assertj.core.groups.Tuple.tuple("ping_pong", "round trip", 100_000L),
            org.assertj.core.groups.Tuple.tuple("chained_spawn", "spawn", 100_000L),
            org.assertj.core.groups.Tuple.tuple("skynet", "task", 1_111_111L),
            org.assertj.core.groups.Tuple.tuple("tcp_echo", "round trip", 640_000L));
    assertThat(StandardWorkloads.quick())
        .extracting(Workload::name)
        .containsExactlyElementsOf(StandardWorkloads.full().stream().map(Workload::name).toList());
  }

  @Test
  void skynetExpectsTheSumOfItsLeaves() {
    assertThat(new Skynet(6).expectedSum()).isEqualTo(499_999_500_000L);
    assertThat(new Skynet(3).expectedSum()).isEqualTo(499_500L);
    assertThat(new Skynet(3).unitsPerRun()).isEqualTo(1_111L);
    assertThatThrownBy(() -> new Skynet(9)).hasMessage("depth=9 is not allowed: expected 1 to 8");
    assertThatThrownBy(() -> new PingPong(0, 1))
        .hasMessage("pairs=0 is not allowed: expected at least 1");
  }
}
