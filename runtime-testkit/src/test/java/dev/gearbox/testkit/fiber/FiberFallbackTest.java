package dev.gearbox.testkit.fiber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-opens java.base/java.lang} (and the export of jdk.internal.vm), fibers still
 * work, on the JDK's default scheduler, and say so once. Checked in a JVM of its own started
 * without the flag.
 */
class FiberFallbackTest {

  /** The child JVM: spawns fibers without the flag and prints what it saw. */
  public static void main(String[] args) {
    try (Runtime runtime = Runtimes.create("simulated")) {
      int sum = 0;
      for (int i = 0; i < 3; i++) {
        int value = i;
        sum +=
            runtime
                .spawnFiber(
                    () -> {
                      Fiber.sleep(Duration.ofMillis(1));
                      return value + (Fiber.isFiber() ? 14 : 0);
                    })
                .join();
      }
      System.out.println("carrier=" + Fiber.carrier() + " sum=" + sum);
    }
  }

  @Test
  void withoutTheFlagFibersRunOnTheJdkSchedulerAndWarnOnce() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FiberFallbackTest.class.getName());
    Process child = new ProcessBuilder(command).start();
    String out;
    String err;
    try {
      out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("exit status; stderr:%n%s", err).isZero();
    assertThat(out).contains("carrier=JDK sum=45");
    assertThat(err)
        .contains("--add-opens java.base/java.lang=ALL-UNNAMED")
        .contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
    assertThat(err.split("add-opens", -1)).as("warned once:%n%s", err).hasSize(2);
  }
}
