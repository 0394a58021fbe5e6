package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tick arithmetic and the tick-rate property. */
class TicksTest {

  @Test
  void theDefaultRateIsOneMegahertz() {
    assertThat(Ticks.HZ).isEqualTo(1_000_000);
    assertThat(TickDuration.ofMillis(5).ticks()).isEqualTo(5_000);
    assertThat(TickDuration.ofSeconds(2).toMillis()).isEqualTo(2_000);
    assertThat(TickInstant.ZERO.plus(TickDuration.ofMicros(7))).isEqualTo(new TickInstant(7));
  }

  @Test
  void conversionsRoundDownAndSaturate() {
    assertThat(Ticks.convert(1_999, 1_000, 1)).isEqualTo(1);
    assertThat(Ticks.convert(3, 32_768, 1_000_000_000)).isEqualTo(91_552);
    assertThat(Ticks.convert(Long.MAX_VALUE, 1, 1_000_000)).isEqualTo(Long.MAX_VALUE);
    assertThat(new TickInstant(Long.MAX_VALUE - 1).plus(TickDuration.ofTicks(5)))
        .isEqualTo(TickInstant.MAX);
  }

  @Test
  void badRatesAndNegativeSpansAreRefused() {
    assertThat(Ticks.parseHz(null)).isEqualTo(1_000_000);
    assertThat(Ticks.parseHz("32768")).isEqualTo(32_768);
    assertThatThrownBy(() -> Ticks.parseHz("0"))
        .hasMessageContaining("gearbox.embedded.tickHz=0 is not allowed");
    assertThatThrownBy(() -> Ticks.parseHz("fast")).hasMessageContaining("from 1 to 1000000000");
    assertThatThrownBy(() -> TickDuration.ofMillis(-1)).hasMessageContaining("cannot be negative");
    assertThatThrownBy(() -> new ManualTimeDriver().advance(-3))
        .hasMessageContaining("negative -3 ticks");
  }
}
