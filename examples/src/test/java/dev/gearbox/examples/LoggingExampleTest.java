package dev.gearbox.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code slf4j-jdk-platform-logging} and {@code slf4j-simple} on the path (the {@code slf4j}
 * Surefire execution, which has slf4j-simple write to the file named by {@code
 * org.slf4j.simpleLogger.logFile}), the runtime's report of an unjoined failure arrives in SLF4J.
 */
class LoggingExampleTest {

  @Test
  void anUnjoinedFailureIsLoggedThroughSlf4j() throws Exception {
    assumeTrue(
        System.getProperty("org.slf4j.simpleLogger.logFile") != null,
        "runs in the slf4j Surefire execution only, which puts SLF4J on the path");
    assertThat(System.getLogger("dev.gearbox.runtime").getClass().getName())
        .as("System.Logger is bridged to SLF4J")
        .startsWith("org.slf4j");
    Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));

    int round = 0;
    for (String kind : new String[] {"workstealing", "minimal"}) {
      int records = ++round;
      try (Runtime runtime =
          Runtimes.create(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind)))) {
        JoinHandle<Object> task = LoggingExample.failUnjoined(runtime, Duration.ofSeconds(20));

        String expected = "of the " + kind + " runtime failed and nobody joined it";
        String cause = "java.lang.IllegalStateException: the example task fails on purpose";
        // counted just before it is logged, and written line by line: wait for the whole record
        Eventually.await(
            Duration.ofSeconds(20),
            () ->
                read(logFile).contains(expected) && read(logFile).split(cause, -1).length > records,
            "the log record");
        assertThat(read(logFile))
            .contains("WARN dev.gearbox.runtime - ")
            .contains(String.valueOf(task.id()));
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
