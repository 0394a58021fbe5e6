package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.shootout.workloads.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PlanRunnerTest {

  @Test
  @Timeout(60)
  void aRunThatHangsFailsItsCellAndTheNextCellStillRuns() {
    CountDownLatch never = new CountDownLatch(1);
    Workload hangs = new Tiny("hangs", never);
    Workload answers = new Tiny("answers", new CountDownLatch(0));
    Plan plan =
        Plan.of(
            Options.parse(
                "--runtimes",
                "minimal",
                "--workloads",
                "hangs,chained_spawn",
                "--runs",
                "1",
                "--warmup",
                "0",
                "--warmup-ms",
                "0",
                "--quick"),
            List.of(hangs, answers));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      List<Measurement> measurements =
          new PlanRunner(
                  plan, new PrintStream(text, true, StandardCharsets.UTF_8), Duration.ofSeconds(3))
              .run();
      assertThat(measurements)
          .extracting(Measurement::outcome)
          .containsExactly(Measurement.Outcome.FAILED, Measurement.Outcome.MEASURED);
      assertThat(measurements.get(0).failure()).isEqualTo("a run took longer than 3000 ms");
    } finally {
      never.countDown();
    }
  }

  /** A workload that awaits a latch, then answers through the runtime. */
  private record Tiny(String name, CountDownLatch gate) implements Workload {
    @Override
    public String unit() {
      return "answer";
    }

    @Override
    public long unitsPerRun() {
      return 1;
    }

    @Override
    public void run(Runtime runtime) throws InterruptedException {
      gate.await();
      int answer = runtime.blockOn(cx -> Poll.ready(42));
      if (answer != 42) {
        throw new IllegalStateException("answered " + answer);
      }
    }
  }
}
