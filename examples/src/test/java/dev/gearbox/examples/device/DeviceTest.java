package dev.gearbox.examples.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.embedded.EmbeddedExecutor;
import dev.gearbox.embedded.ManualTimeDriver;
import dev.gearbox.embedded.TickDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device's firmware on a manual time driver: every step at an exact tick. */
class DeviceTest {
  private final ManualTimeDriver time = new ManualTimeDriver();
  private final EmbeddedExecutor executor = new EmbeddedExecutor("device-test", time);
  private final Led led = new Led(false);
  private final Firmware firmware = new Firmware(led);

  @BeforeEach
  void start() {
    firmware.start(executor);
    executor.runUntilIdle();
  }

  @AfterEach
  void stop() {
    executor.close();
  }

  private void advance(TickDuration duration) {
    time.advance(duration);
    executor.runUntilIdle();
  }

  private void advanceMillis(long millis) {
    advance(TickDuration.ofMillis(millis));
  }

  @Test
  void theLedTogglesEveryPeriodAndNotBefore() {
    assertThat(led.isOn()).isFalse();
    advanceMillis(499);
    assertThat(led.toggles()).isZero();
    advanceMillis(1);
    assertThat(led.isOn()).isTrue();
    advanceMillis(500);
    assertThat(led.isOn()).isFalse();
    for (int cycle = 0; cycle < 5; cycle++) {
      advanceMillis(500);
    }
    assertThat(led.toggles()).isEqualTo(7);
    advanceMillis(5 * 500); // one jump over five periods: one toggle, as on a device that slept
    assertThat(led.toggles()).isEqualTo(8);
  }

  @Test
  void aBouncingPressCountsOnceAfterTheDebounceTime() {
    firmware.buttonInterrupt();
    firmware.buttonInterrupt();
    executor.runUntilIdle();
    advanceMillis(1);
    firmware.buttonInterrupt(); // still bouncing
    executor.runUntilIdle();
    advanceMillis(18);
    assertThat(firmware.presses()).as("19 ms after the first edge").isZero();
    advanceMillis(1);
    assertThat(firmware.presses()).as("20 ms after the first edge").isEqualTo(1);
    assertThat(firmware.blinkPeriod()).isEqualTo(Firmware.FAST);
    advanceMillis(100);
    assertThat(firmware.presses()).as("the bounces were dropped").isEqualTo(1);
  }

  @Test
  void aPressSwitchesTheBlinkPeriodFromTheNextCycle() {
    advanceMillis(500); // toggle 1 at 500; the next cycle is armed with the slow period
    firmware.buttonInterrupt();
    advance(Firmware.DEBOUNCE); // 520: fast from the next cycle on
    advanceMillis(479);
    assertThat(led.toggles()).isEqualTo(1);
    advanceMillis(1); // 1000: the slow cycle ends; the fast one starts
    assertThat(led.toggles()).isEqualTo(2);
    advanceMillis(100);
    assertThat(led.toggles()).isEqualTo(3);
    firmware.buttonInterrupt();
    advance(Firmware.DEBOUNCE); // second press: slow again after this fast cycle
    advanceMillis(80); // 1200
    assertThat(led.toggles()).isEqualTo(4);
    advanceMillis(499);
    assertThat(led.toggles()).isEqualTo(4);
    advanceMillis(1);
    assertThat(led.toggles()).isEqualTo(5);
    assertThat(firmware.presses()).isEqualTo(2);
  }
}
