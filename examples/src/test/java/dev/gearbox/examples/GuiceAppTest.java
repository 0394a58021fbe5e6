package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.gearbox.guice.GearboxModule;
import dev.gearbox.runtime.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GuiceAppTest {

  @Test
  void aTestSwapsTheRuntimeWithModulesOverride() {
    Injector injector =
        Guice.createInjector(
            Modules.override(GuiceApp.modules(RuntimeConfig.empty()))
                .with(GearboxModule.ofKind("minimal")));
    assertThat(injector.getInstance(Reminders.class).runtimeKind()).isEqualTo("minimal");
    assertThat(GuiceApp.run(injector))
        .extracting(line -> line.substring(0, line.indexOf(" at ")))
        .containsExactly("tea", "stand up", "stretch");
  }

  @Test
  void onAPausedClockHoursOfRemindersFireAtOnceAndInOrder() {
    RuntimeConfig paused =
        RuntimeConfig.of(Map.of("gearbox.runtime", "minimal", "gearbox.time.paused", "true"));
    Injector injector =
        Guice.createInjector(
            Modules.override(GuiceApp.modules(RuntimeConfig.empty()))
                .with(GearboxModule.of(paused)));
    List<String> fired =
        injector
            .getInstance(Reminders.class)
            .fire(
                List.of(
                    new Reminders.Reminder("lunch", java.time.Duration.ofHours(3)),
                    new Reminders.Reminder("standup", java.time.Duration.ofMinutes(30))));
    assertThat(fired).containsExactly("standup at 30m", "lunch at 180m");
    GuiceApp.run(injector); // closes the lifecycle, and with it the runtime
  }

  @Test
  void theCommandRunsOnTheRuntimeItIsGiven() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(GuiceApp.run(new String[] {"--runtime", "workstealing"}, outStream, errStream))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("reminders on runtime workstealing: tea at ");
    assertThat(GuiceApp.run(new String[] {"--runtime", "tokio"}, outStream, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("gearbox.runtime=tokio (from command line) is not an installed runtime");
  }
}
