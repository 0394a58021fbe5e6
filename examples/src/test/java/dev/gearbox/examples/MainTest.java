package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(60)
  void theTourRunsEveryWorkloadOnTheChosenRuntime() {
    assertThat(run("--runtime", "minimal", "--set", "gearbox.workers=2")).isZero();
    assertThat(out())
        .contains("Gearbox on runtime 'minimal' (gearbox.runtime: from command line)")
        .contains("spawn_many", "yield_many", "ping_pong", "chained_spawn")
        .contains("workers=2");
  }

  @Test
  @Timeout(60)
  void withoutAChoiceTheTourRunsOnTheDefaultWorkStealingRuntime() {
    assertThat(run()).isZero();
    assertThat(out())
        .contains("Gearbox on runtime 'workstealing' (gearbox.runtime: the default)")
        .contains("chained_spawn");
  }

  @Test
  void listNamesTheInstalledRuntimes() {
    assertThat(run("--list")).isZero();
    assertThat(out()).contains("installed runtimes: embedded, minimal, workstealing");
  }

  @Test
  void describeListsEveryKeyWithItsDefault() {
    assertThat(run("--describe")).isZero();
    assertThat(out()).contains("minimal: ").contains("gearbox.workers").contains("default 1");
  }

  @Test
  void aMistypedKeyIsAnErrorSuggestingTheNearestKey() {
    assertThat(run("--set", "gearbox.worker=2")).isEqualTo(2);
    assertThat(err())
        .contains("gearbox.worker (from command line) is not a configuration key")
        .contains("did you mean gearbox.workers?");
  }

  @Test
  void anUnknownRuntimeIsAClearError() {
    assertThat(run("--runtime", "tokio")).isEqualTo(2);
    assertThat(err()).contains("gearbox.runtime=tokio (from command line)").contains("minimal");
  }

  @Test
  void aBadValueNamesTheKeyAndWhatIsAllowed() {
    assertThat(run("--runtime", "minimal", "--set", "gearbox.workers=many")).isEqualTo(2);
    assertThat(err()).contains("gearbox.workers=many").contains("an integer from 0 to 1024");
  }

  @Test
  void badUsageIsAClearError() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err()).contains("unknown option '--frobnicate'").contains("usage:");
    assertThat(run("--set", "novalue")).isEqualTo(2);
    assertThat(err()).contains("--set expects KEY=VALUE, got 'novalue'");
    assertThat(run("--runtime")).isEqualTo(2);
    assertThat(err()).contains("--runtime needs a value");
  }
}
