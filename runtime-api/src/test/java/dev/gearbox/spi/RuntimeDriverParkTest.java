package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The mayBlock step of RuntimeDriver.tryPark: when it runs, and what a false answer does. */
class RuntimeDriverParkTest {
  @Test
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  void mayBlockFalseEndsTheParkAtOnce() {
    try (RuntimeDriver driver = new RuntimeDriver(Clock.system())) {
      // no bound and no timer: only mayBlock's false keeps this from blocking
      assertThat(driver.tryPark(Long.MAX_VALUE, false, () -> false)).isTrue();
    }
  }

  @Test
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  void mayBlockRunsWithTheDriverHeld() throws Exception {
    try (RuntimeDriver driver = new RuntimeDriver(Clock.system())) {
      AtomicBoolean othersCouldDrive = new AtomicBoolean(true);
      boolean parked =
          driver.tryPark(
              Long.MAX_VALUE,
              false,
              () -> {
                // another thread asking now must be told that someone drives
                othersCouldDrive.set(
                    CompletableFuture.supplyAsync(() -> driver.tryPark(0, false))
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join());
                return false;
              });
      assertThat(parked).isTrue();
      assertThat(othersCouldDrive).isFalse();
      assertThat(driver.tryPark(0, false)).isTrue(); // released afterwards
    }
  }
}
