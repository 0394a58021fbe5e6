package dev.gearbox.spi.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void jfrDurationTextsParse() {
    assertThat(Durations.parseNanos("10 ms", -1)).isEqualTo(10_000_000);
    assertThat(Durations.parseNanos("0 ns", -1)).isZero();
    assertThat(Durations.parseNanos("500us", -1)).isEqualTo(500_000);
    assertThat(Durations.parseNanos(" 2 s ", -1)).isEqualTo(2_000_000_000L);
    assertThat(Durations.parseNanos("1 m", -1)).isEqualTo(60_000_000_000L);
  }

  @Test
  void aTextThatIsNotADurationGivesTheFallback() {
    assertThat(Durations.parseNanos("ten ms", -1)).isEqualTo(-1);
    assertThat(Durations.parseNanos("10 hours", -1)).isEqualTo(-1);
    assertThat(Durations.parseNanos("", -1)).isEqualTo(-1);
    assertThat(Durations.parseNanos(null, -1)).isEqualTo(-1);
    assertThat(Durations.parseNanos("99999999999999999999 ns", -1)).isEqualTo(-1);
  }

  @Test
  void theLowestThresholdOfTheRecordingsWins() {
    PollThresholdSetting setting = new PollThresholdSetting();
    assertThat(setting.combine(Set.of("20 ms", "1 ms", "5 s"))).isEqualTo("1 ms");
    assertThat(setting.combine(Set.of())).isEqualTo(PollThresholdSetting.DEFAULT);
    assertThat(setting.combine(Set.of("soon"))).isEqualTo(PollThresholdSetting.DEFAULT);
  }
}
