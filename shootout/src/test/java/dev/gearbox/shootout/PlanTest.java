package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.shootout.workloads.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

  @Test
  void byDefaultEveryInstalledRuntimeAndBothBaselinesRunEveryStandardAndFiberWorkload() {
    Plan plan = Plan.of(Options.parse("--quick"), List.of());
    assertThat(plan.contestants())
        .extracting(Contestant::name)
        .containsExactly("minimal", "workstealing", "forkjoin", "virtual");
    assertThat(plan.workloads())
        .extracting(Workload::name)
        .containsExactly(
            "spawn_many",
            "spawn_remote",
            "yield_many",
            "ping_pong",
            "chained_spawn",
            "skynet",
            "tcp_echo",
            "fiber_yield_many",
            "fiber_ping_pong",
            "fiber_tcp_echo");
    assertThat(plan.cells()).isEqualTo(40);
  }

  @Test
  void multiThreadedRuntimesAndBaselinesGetTheWorkers() {
    Plan plan = Plan.of(Options.parse("--workers", "3"), List.of());
    assertThat(plan.contestants())
        .extracting(Contestant::threads)
        .startsWith("3 workers", "3 workers", "ForkJoinPool(3, async)");
  }

  @Test
  void anUnknownRuntimeIsNamedWithWhatExists() {
    assertThatThrownBy(() -> Plan.of(Options.parse("--runtimes", "minimal,tokio"), List.of()))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage(
            "--runtimes: 'tokio' is not an installed runtime or a baseline: expected some of"
                + " minimal, workstealing, forkjoin, virtual");
  }

  @Test
  void anUnknownWorkloadIsNamedWithWhatExists() {
    assertThatThrownBy(() -> Plan.of(Options.parse("--workloads", "skynet,fib"), List.of()))
        .hasMessageStartingWith(
            "--workloads: 'fib' is not a workload: expected some of spawn_many,")
        .hasMessageEndingWith("tcp_echo, fiber_yield_many, fiber_ping_pong, fiber_tcp_echo");
  }

  @Test
  void extraWorkloadsComeAfterTheStandardAndFiberOnesAndMayNotReuseAName() {
    Plan plan = Plan.of(Options.parse(), List.of(new Named("mine")));
    assertThat(plan.workloads()).extracting(Workload::name).endsWith("fiber_tcp_echo", "mine");
    assertThatThrownBy(() -> Plan.of(Options.parse(), List.of(new Named("skynet"))))
        .hasMessageContaining("two workloads are named 'skynet'");
  }

  private record Named(String name) implements Workload {
    @Override
    public String unit() {
      return "thing";
    }

    @Override
    public long unitsPerRun() {
      return 1;
    }

    @Override
    public void run(Runtime runtime) {}
  }

  @Test
  void setGivesAKeyToTheRuntimesThatDeclareItOverTheDefaults() {
    Plan plan =
        Plan.of(
            Options.parse(
                "--runtimes", "minimal,forkjoin", "--set", "gearbox.blocking.maxThreads=8"),
            List.of());
    assertThat(plan.contestants().get(0))
        .isEqualTo(
            new Contestant.Gearbox("minimal", 2, Map.of("gearbox.blocking.maxThreads", "8")));
  }

  @Test
  void setOfAKeyNoInstalledRuntimeDeclaresIsRefused() {
    assertThatThrownBy(() -> Plan.of(Options.parse("--set", "gearbox.workrs=4"), List.of()))
        .isInstanceOf(Options.UsageException.class)
        .hasMessageStartingWith(
            "gearbox.workrs (from --set) is not a configuration key of any installed runtime; did"
                + " you mean gearbox.workers? The known keys: ")
        .hasMessageContaining("gearbox.workers, ")
        .hasMessageEndingWith("(./gearbox run --describe says what each does)");
  }
}
