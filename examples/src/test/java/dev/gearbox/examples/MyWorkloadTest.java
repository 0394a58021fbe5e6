package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.ShootOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MyWorkloadTest {

  @Test
  @Timeout(60)
  void aRunChecksItsSumOnAGearboxRuntimeAndOnVirtualThreads() throws Exception {
    MyWorkload workload = new MyWorkload(1_000);
    try (Runtime runtime = Runtimes.create("minimal")) {
      workload.run(runtime);
    }
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      assertThat(workload.runOnVirtualThreads(executor)).isTrue();
    }
    assertThat(workload.runOnForkJoin(ForkJoinPool.commonPool())).isFalse();
  }

  @Test
  @Timeout(120)
  void theShootOutRunsItBesideTheStandardWorkloads(@TempDir Path out) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
    String[] args = {
      "--quick",
      "--runs",
      "1",
      "--warmup",
      "0",
      "--warmup-ms",
      "0",
      "--workloads",
      "fan_in",
      "--runtimes",
      "minimal,workstealing,forkjoin,virtual",
      "--out",
      out.toString()
    };
    int status = ShootOut.run(args, List.of(new MyWorkload(1_000)), print, print);
    assertThat(status).as(text.toString(StandardCharsets.UTF_8)).isZero();
    String csv = Files.readString(out.resolve("report.csv"));
    assertThat(csv.lines().filter(line -> line.startsWith("fan_in,task,1000,"))).hasSize(4);
    assertThat(csv).contains("fan_in,task,1000,forkjoin,\"ForkJoinPool(2, async)\",not_available");
    assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>fan_in</h2>");
  }
}
