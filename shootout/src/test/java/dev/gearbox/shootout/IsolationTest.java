package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.shootout.workloads.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IsolationTest {
  private final Plan plan =
      Plan.of(
          Options.parse("--quick", "--workloads", "chained_spawn,skynet", "--runtimes", "minimal"),
          List.of());
  private final Workload chained = plan.workloads().get(0);
  private final Workload skynet = plan.workloads().get(1);
  private final Contestant minimal = plan.contestants().get(0);

  @Test
  void samplesGoToTheParentAndBack(@TempDir Path dir) throws Exception {
    List<Measurement> written =
        List.of(
            Measurement.measured(chained, minimal, new long[] {30, 10, 20}),
            Measurement.without(
                skynet, minimal, Measurement.Outcome.FAILED, "IllegalStateException: a\tb\nc"));
    Path file = dir.resolve("samples");
    Isolation.write(written, file);
    List<Measurement> read = Isolation.read(file, plan);
    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isEqualTo(written.get(0));
    assertThat(read.get(0).unitsPerRun()).isEqualTo(chained.unitsPerRun());
    assertThat(read.get(0).threads()).isEqualTo(minimal.threads());
    assertThat(read.get(1).outcome()).isEqualTo(Measurement.Outcome.FAILED);
    assertThat(read.get(1).failure()).isEqualTo("IllegalStateException: a b c");
  }

  @Test
  void aCellItsChildDidNotWriteFailsNamingTheExitStatus(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("samples");
    Isolation.write(List.of(Measurement.measured(chained, minimal, new long[] {5})), file);
    List<Measurement> cells = Isolation.collect(plan, minimal, Isolation.read(file, plan), 134);
    assertThat(cells).extracting(Measurement::workload).containsExactly("chained_spawn", "skynet");
    assertThat(cells.get(0).measured()).isTrue();
    assertThat(cells.get(1).outcome()).isEqualTo(Measurement.Outcome.FAILED);
    assertThat(cells.get(1).failure()).contains("exit status 134");
    assertThat(Isolation.read(dir.resolve("never-written"), plan)).isEmpty();
  }

  @Test
  void aLineNamingNoCellOfThePlanIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("samples");
    Files.writeString(file, "ping_pong\tminimal\t2 threads\tMEASURED\t5\t\n");
    assertThatThrownBy(() -> Isolation.read(file, plan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ping_pong\tminimal");
  }

  @Test
  void aChildJvmGetsTheOpeningThatLetsRuntimesCarryFibers() {
    // This JVM has it from Surefire, as the launcher's JVM has it from ./gearbox run.
    List<String> command =
        Relaunch.javaCommand(ShootOut.class, 2, List.of("-Dx=y"), List.of("--quick"));
    assertThat(command)
        .contains(
            "--add-opens=java.base/java.lang=dev.gearbox.api",
            "--add-exports=java.base/jdk.internal.vm=dev.gearbox.api",
            "-Dx=y")
        .endsWith("--quick");
  }

  @Test
  @Timeout(180)
  void eachRuntimeRunsInAJvmOfItsOwn(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    String[] args = {
      "--quick",
      "--runs",
      "1",
      "--warmup",
      "0",
      "--warmup-ms",
      "0",
      "--workloads",
      "chained_spawn",
      "--runtimes",
      "minimal,forkjoin",
      "--out",
      dir.toString()
    };
    int status = ShootOut.run(args, List.of(), out, out, ShootOut.class);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isZero();
    assertThat(printed)
        .contains("each runtime in a JVM of its own")
        .contains("minimal: a JVM of its own (1 of 2)", "forkjoin: a JVM of its own (2 of 2)")
        .contains("reports: " + dir.resolve("report.csv"));
    List<String> csv = Files.readAllLines(dir.resolve("report.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1)).startsWith("chained_spawn,").contains(",minimal,", ",measured,");
    assertThat(csv.get(2)).startsWith("chained_spawn,").contains(",forkjoin,", ",measured,");
  }
}
