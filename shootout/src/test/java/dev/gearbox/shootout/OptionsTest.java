package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void withoutOptionsEverythingRunsAtFullSizeWithTwoWorkers() {
    Options options = Options.parse();
    assertThat(options.action()).isEqualTo(Options.Action.RUN);
    assertThat(options.runtimes()).isEmpty();
    assertThat(options.workloads()).isEmpty();
    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.warmup()).isEqualTo(2);
    assertThat(options.workers()).isEqualTo(2);
    assertThat(options.quick()).isFalse();
    assertThat(options.out()).isEqualTo(Path.of("target", "shootout"));
  }

  @Test
  void everyOptionIsRead() {
    Options options =
        Options.parse(
            "--runtimes",
            "minimal, forkjoin,minimal",
            "--workloads",
            "skynet",
            "--runs",
            "7",
            "--warmup",
            "0",
            "--workers",
            "4",
            "--quick",
            "--out",
            "build/report");
    assertThat(options.runtimes()).containsExactly("minimal", "forkjoin");
    assertThat(options.workloads()).containsExactly("skynet");
    assertThat(options.runs()).isEqualTo(7);
    assertThat(options.warmup()).isZero();
    assertThat(options.workers()).isEqualTo(4);
    assertThat(options.quick()).isTrue();
    assertThat(options.out()).isEqualTo(Path.of("build/report"));
  }

  @Test
  void quickModeWarmsUpMoreAndFullCancelsIt() {
    assertThat(Options.parse("--quick").warmup()).isEqualTo(3);
    assertThat(Options.parse("--quick").warmupTime()).isEqualTo(java.time.Duration.ofSeconds(1));
    assertThat(Options.parse().warmupTime()).isEqualTo(java.time.Duration.ofSeconds(1));
    assertThat(Options.parse("--warmup-ms", "0").warmupTime()).isZero();
    assertThat(Options.parse("--quick", "--full").quick()).isFalse();
  }

  @Test
  void helpListAndDescribeAreActions() {
    assertThat(Options.parse("--list").action()).isEqualTo(Options.Action.LIST);
    assertThat(Options.parse("--describe").action()).isEqualTo(Options.Action.DESCRIBE);
    assertThat(Options.parse("--list", "--help").action()).isEqualTo(Options.Action.HELP);
    assertThat(Options.parse("-h", "--describe").action()).isEqualTo(Options.Action.HELP);
  }

  @Test
  void anUnknownOptionIsNamedWithTheAllowedOnes() {
    assertThatThrownBy(() -> Options.parse("--runtime", "minimal"))
        .isInstanceOf(Options.UsageException.class)
        .hasMessageContaining("unknown option '--runtime'")
        .hasMessageContaining("--runtimes");
  }

  @Test
  void aMissingValueIsNamed() {
    for (String option : List.of("--runtimes", "--workloads", "--runs", "--out")) {
      assertThatThrownBy(() -> Options.parse(option)).hasMessage(option + " needs a value");
    }
    assertThatThrownBy(() -> Options.parse("--runs", "--quick")).hasMessage("--runs needs a value");
  }

  @Test
  void aBadNumberNamesTheValueAndTheRange() {
    assertThatThrownBy(() -> Options.parse("--runs", "0"))
        .hasMessage("--runs 0 is not allowed: expected an integer from 1 to 1000");
    assertThatThrownBy(() -> Options.parse("--workers", "many"))
        .hasMessage("--workers many is not allowed: expected an integer from 1 to 1024");
    assertThatThrownBy(() -> Options.parse("--warmup", "-1"))
        .hasMessage("--warmup -1 is not allowed: expected an integer from 0 to 1000");
    assertThatThrownBy(() -> Options.parse("--jvms", "11"))
        .hasMessage("--jvms 11 is not allowed: expected an integer from 1 to 10");
  }

  @Test
  void jvmsAndMarkdownAreTaken() {
    Options options = Options.parse("--jvms", "3", "--markdown", "docs/benchmarks.md");
    assertThat(options.jvms()).isEqualTo(3);
    assertThat(options.markdown()).isEqualTo(java.nio.file.Path.of("docs/benchmarks.md"));
    assertThat(Options.parse().jvms()).isEqualTo(1);
    assertThat(Options.parse().markdown()).isNull();
  }

  @Test
  void anEmptyNameInAListIsAnError() {
    assertThatThrownBy(() -> Options.parse("--workloads", "skynet,,ping_pong"))
        .hasMessageContaining("--workloads 'skynet,,ping_pong' has an empty name");
  }

  @Test
  void setTakesKeyEqualsValueAndRefusesAnythingElse() {
    assertThat(Options.parse("--set", "gearbox.workers = 4").settings())
        .containsExactly(java.util.Map.entry("gearbox.workers", "4"));
    assertThatThrownBy(() -> Options.parse("--set", "gearbox.workers"))
        .hasMessage(
            "--set 'gearbox.workers' is not allowed: expected KEY=VALUE, such as gearbox.workers=4");
  }
}
