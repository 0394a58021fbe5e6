package dev.gearbox.examples.device;

import dev.gearbox.embedded.EmbeddedExecutor;
import dev.gearbox.embedded.SystemTimeDriver;
import java.time.Duration;

/**
 * The example device on real time: the {@link Firmware} on an executor thread with the system time
 * driver, and a simulated finger pressing the button every 700 ms, each press bouncing three times
 * within 2 ms. Runs for the number of seconds given (default 3), or until Ctrl-C.
 *
 * <pre>{@code ./gearbox run-class dev.gearbox.examples.device.Device [seconds]}</pre>
 */
public final class Device {
  private Device() {}

  /**
   * Runs the device.
   *
   * @param args optionally the run time in seconds, 1 to 3600
   * @throws InterruptedException if interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    long seconds = args.length > 0 ? parseSeconds(args[0]) : 3;
    Led led = new Led(true);
    Firmware firmware = new Firmware(led);
    try (EmbeddedExecutor executor =
        new EmbeddedExecutor("device-executor", new SystemTimeDriver())) {
      firmware.start(executor);
      executor.start(Thread.MAX_PRIORITY);
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(700, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        if (end - System.nanoTime() < 100_000_000L) {
          break; // too late for the press to settle before the end
        }
        System.out.println("button pressed (bouncing)");
        for (int bounce = 0; bounce < 3; bounce++) {
          firmware.buttonInterrupt(); // the interrupt, from this "hardware" thread
          Thread.sleep(1);
        }
      }
    }
    System.out.printf(
        "ran %d s: %d LED toggles, %d debounced presses, blink period %d ms%n",
        seconds, led.toggles(), firmware.presses(), firmware.blinkPeriod().toMillis());
  }

  private static long parseSeconds(String text) {
    try {
      long seconds = Long.parseLong(text);
      if (seconds >= 1 && seconds <= 3600) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "the run time must be a whole number of seconds from 1 to 3600, got '" + text + "'");
  }
}
