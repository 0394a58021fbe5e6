package dev.gearbox.examples;

import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;

/**
 * Gearbox's log records in an application's SLF4J (or Log4j) backend. Gearbox logs through the
 * JDK's {@link System.Logger}; the application routes that to its backend with one dependency, and
 * no code:
 *
 * <pre>{@code
 * <dependency>                      <!-- System.Logger -> SLF4J -->
 *   <groupId>org.slf4j</groupId>
 *   <artifactId>slf4j-jdk-platform-logging</artifactId>
 *   <version>2.0.20</version>
 * </dependency>
 * <dependency>                      <!-- any SLF4J backend: slf4j-simple, Logback, ... -->
 *   <groupId>org.slf4j</groupId>
 *   <artifactId>slf4j-simple</artifactId>
 *   <version>2.0.20</version>
 * </dependency>
 * }</pre>
 *
 * (With Log4j 2, {@code org.apache.logging.log4j:log4j-jpl} does the same.) This program makes the
 * runtime report something: a task fails and nobody joins it, so the runtime logs a WARNING on the
 * logger {@code dev.gearbox.runtime}, which the backend prints as {@code WARN dev.gearbox.runtime -
 * task ... failed and nobody joined it} with the stack trace. See docs/logging.md.
 */
public final class LoggingExample {
  private LoggingExample() {}

  /**
   * Runs a task that fails with nobody joined to it, on the configured runtime, and waits until the
   * runtime has reported it.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting
   */
  public static void main(String[] args) throws InterruptedException {
    try (Runtime runtime = Runtimes.create()) {
      failUnjoined(runtime, Duration.ofSeconds(10));
    }
  }

  /**
   * Spawns a task that throws, never joins it, and waits until {@code runtime} counted (and so
   * logged) the unjoined failure.
   *
   * @param runtime the runtime
   * @param timeout how long to wait for the report
   * @return the failed task's handle
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the failure was not reported in time
   */
  static JoinHandle<Object> failUnjoined(Runtime runtime, Duration timeout)
      throws InterruptedException {
    JoinHandle<Object> task =
        runtime.spawn(
            cx -> {
              throw new IllegalStateException("the example task fails on purpose");
            });
    long deadline = System.nanoTime() + timeout.toNanos();
    while (runtime.metrics().unjoinedFailures() == 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the runtime did not report the failure in " + timeout);
      }
      Thread.sleep(10);
    }
    return task;
  }
}
