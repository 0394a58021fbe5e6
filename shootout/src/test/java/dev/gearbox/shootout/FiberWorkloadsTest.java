package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.FiberPingPong;
import dev.gearbox.shootout.workloads.FiberTcpEcho;
import dev.gearbox.shootout.workloads.FiberWorkloads;
import dev.gearbox.shootout.workloads.FiberYieldMany;
import dev.gearbox.shootout.workloads.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FiberWorkloadsTest {
  /** Every fiber workload at a small size. */
  private static final List<Workload> SMALL =
      List.of(new FiberYieldMany(20, 50), new FiberPingPong(20, 10), new FiberTcpEcho(4, 20));

  @Test
  void theTestJvmLetsRuntimesCarryFibers() {
    // Surefire passes --add-opens java.base/java.lang=dev.gearbox.api, as the launcher does: the
    // workloads below measure fibers on their runtime, not the fallback.
    assertThat(Fiber.carrier()).isEqualTo(Fiber.Carrier.RUNTIME);
    assertThat(ShootOut.fiberCarrier()).isEqualTo("fibers carried by their Gearbox runtime");
  }

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "workstealing"})
  @Timeout(120)
  void everyFiberWorkloadRunsAndChecksItsResultOnAGearboxRuntime(String kind) throws Exception {
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
  void onVirtualThreadsEachRunsThePlainVirtualThreadVersionAndOnTheForkJoinPoolNone()
      throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Workload workload : SMALL) {
        assertThat(workload.runOnVirtualThreads(executor)).as(workload.name()).isTrue();
        assertThat(workload.runOnForkJoin(pool)).as(workload.name()).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSizesAreThoseOfTheStandardWorkloadsTheyRewrite() {
    assertThat(FiberWorkloads.full())
        .extracting(Workload::name, Workload::unit, Workload::unitsPerRun)
        .containsExactly(
            Tuple.tuple("fiber_yield_many", "yield", 200_000L),
            Tuple.tuple("fiber_ping_pong", "round trip", 100_000L),
            Tuple.tuple("fiber_tcp_echo", "round trip", 640_000L));
    assertThat(FiberWorkloads.quick())
        .extracting(Workload::unitsPerRun)
        .containsExactly(100_000L, 50_000L, 32_000L);
  }

  @Test
  @Timeout(180)
  void theFiberWorkloadsRunInQuickModeBesideVirtualThreadsAndTheReportNamesTheCarrier(
      @TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status =
        ShootOut.run(
            new String[] {
              "--quick",
              "--runs",
              "1",
              "--warmup",
              "0",
              "--warmup-ms",
              "0",
              "--workloads",
              "fiber_yield_many,fiber_ping_pong",
              "--runtimes",
              "workstealing,virtual,forkjoin",
              "--out",
              dir.toString()
            },
            List.of(),
            out,
            out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isZero();
    assertThat(printed)
        .contains("fibers carried by their Gearbox runtime")
        .contains("fiber_yield_many on workstealing  median")
        .contains("fiber_ping_pong  on virtual       median")
        .contains("fiber_ping_pong  on forkjoin      n/a");
    List<String> csv = Files.readAllLines(dir.resolve("report.csv"));
    assertThat(csv.stream().filter(line -> line.contains(",measured,"))).hasSize(4);
  }
}
