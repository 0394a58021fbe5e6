package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
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

class ShootOutTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(List<Workload> extra, String... args) {
    return ShootOut.run(
        args,
        extra,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(180)
  void aRunPrintsProgressAndATableAndWritesTheReports(@TempDir Path dir) throws Exception {
    int status =
        run(
            List.of(),
            "--quick",
            "--runs",
            "2",
            "--warmup",
            "1",
            "--warmup-ms",
            "0",
            "--workloads",
            "chained_spawn,skynet",
            "--runtimes",
            "minimal,workstealing,forkjoin,virtual",
            "--out",
            dir.toString());
    assertThat(status).as(out() + err()).isZero();
    assertThat(out())
        .contains("Gearbox shoot-out, quick mode: 2 workloads × 4 runtimes, 1 warm-up and 2 timed")
        .contains("machine: ")
        .contains("[ 1/8] chained_spawn    on minimal", "[ 8/8] skynet           on virtual")
        .contains("1.00×")
        .contains("reports: " + dir.resolve("report.csv"));
    assertThat(Files.readAllLines(dir.resolve("report.csv"))).hasSize(9);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("<h2>chained_spawn</h2>", "<h2>skynet</h2>", "<h2>Summary</h2>");
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("| runtime | workloads | × fastest | × forkjoin | × virtual |")
        .contains("| skynet (ns/task) | virtual |");
    assertThat(out()).contains("summary: geometric mean of the ratios");
  }

  @Test
  @Timeout(120)
  void aFailingOrMissingVersionIsReportedAndTheRestStillRuns(@TempDir Path dir) {
    int status =
        run(
            List.of(new Broken()),
            "--runs",
            "1",
            "--warmup",
            "0",
            "--warmup-ms",
            "0",
            "--workloads",
            "broken,chained_spawn",
            "--quick",
            "--runtimes",
            "minimal,forkjoin",
            "--out",
            dir.toString());
    assertThat(status).isEqualTo(1);
    assertThat(out())
        .contains(
            "broken           on minimal       FAILED: IllegalStateException: wrong answer 41")
        .contains("broken           on forkjoin      n/a")
        .contains("chained_spawn    on forkjoin      median");
  }

  @Test
  void badUsageIsExitStatusTwoWithTheReason() {
    assertThat(run(List.of(), "--runs", "lots")).isEqualTo(2);
    assertThat(err())
        .contains("shootout: --runs lots is not allowed: expected an integer from 1 to 1000")
        .contains("--help lists the options");
    assertThat(run(List.of(), "--runtimes", "tokio")).isEqualTo(2);
    assertThat(err()).contains("'tokio' is not an installed runtime or a baseline");
  }

  @Test
  void helpListAndDescribe() {
    assertThat(run(List.of(), "--help")).isZero();
    assertThat(out()).contains("usage: ./gearbox run [options]", "--workloads A,B,...");
    assertThat(run(List.of(new Broken()), "--list", "--quick")).isZero();
    assertThat(out())
        .contains("installed runtimes: minimal, workstealing")
        .contains("JDK baselines: forkjoin, virtual")
        .contains("skynet           111,111 tasks per run")
        .contains("broken           1 answers per run");
    assertThat(run(List.of(), "--describe")).isZero();
    assertThat(out()).contains("gearbox.workers");
  }

  /** A workload whose check fails on Gearbox runtimes and that has no baseline versions. */
  private static final class Broken implements Workload {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String unit() {
      return "answer";
    }

    @Override
    public long unitsPerRun() {
      return 1;
    }

    @Override
    public void run(Runtime runtime) {
      throw new IllegalStateException("wrong answer 41");
    }
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
