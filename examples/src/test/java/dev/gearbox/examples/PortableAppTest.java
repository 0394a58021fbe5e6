package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same application, run on every installed runtime by configuration alone. */
@Timeout(60)
class PortableAppTest {
  private static final long EXPECTED_MESSAGES = PortableApp.PRODUCERS * PortableApp.PER_PRODUCER;
  private static final long EXPECTED_SUM = EXPECTED_MESSAGES * (EXPECTED_MESSAGES + 1) / 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  static List<String> installedRuntimes() {
    return Runtimes.available();
  }

  private int run(String... args) {
    return PortableApp.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "--runtime {0}")
  @MethodSource("installedRuntimes")
  void runsUnchangedOnEveryInstalledRuntime(String kind) {
    assertThat(run("--runtime", kind)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ran on runtime " + kind + ": " + EXPECTED_MESSAGES + " messages")
        .contains("sum " + EXPECTED_SUM);
  }

  @ParameterizedTest(name = "-Dgearbox.runtime={0}")
  @MethodSource("installedRuntimes")
  void aSystemPropertyChoosesTheRuntimeToo(String kind) {
    String previous = System.setProperty(RuntimeConfig.RUNTIME_KEY, kind);
    try {
      assertThat(run()).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("ran on runtime " + kind + ":");
    } finally {
      if (previous == null) {
        System.clearProperty(RuntimeConfig.RUNTIME_KEY);
      } else {
        System.setProperty(RuntimeConfig.RUNTIME_KEY, previous);
      }
    }
  }

  @Test
  void theTimerIsWaitedFor() {
    try (var runtime = Runtimes.create("minimal")) {
      PortableApp.Report report = PortableApp.run(runtime);
      assertThat(report.elapsed()).isGreaterThanOrEqualTo(PortableApp.PAUSE);
      assertThat(report.messages()).isEqualTo(EXPECTED_MESSAGES);
    }
  }

  @Test
  void anUnknownRuntimeIsAClearError() {
    assertThat(run("--runtime", "tokio")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("gearbox.runtime=tokio (from command line) is not an installed runtime");
    assertThat(run("--port", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--port'");
  }
}
