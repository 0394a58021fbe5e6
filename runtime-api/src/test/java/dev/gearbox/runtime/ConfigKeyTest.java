package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
  private static final ConfigKey<Integer> WORKERS =
      ConfigKey.ofInt("gearbox.workers", 2, 1, 64, "worker threads");
  private static final ConfigKey<Duration> KEEP_ALIVE =
      ConfigKey.ofDuration(
          "gearbox.blocking.keepAlive",
          Duration.ofSeconds(10),
          Duration.ZERO,
          Duration.ofHours(1),
          "idle time before a blocking thread ends");
  private static final ConfigKey<Boolean> LIFO =
      ConfigKey.ofBoolean("gearbox.lifoSlot", true, "use the LIFO slot");

  @Test
  void absentKeysTakeTheirDefault() {
    assertThat(RuntimeConfig.empty().get(WORKERS)).isEqualTo(2);
    assertThat(RuntimeConfig.empty().get(KEEP_ALIVE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void valuesAreParsedByType() {
    RuntimeConfig config =
        RuntimeConfig.of(
            Map.of(
                "gearbox.workers", " 8 ",
                "gearbox.blocking.keepAlive", "250ms",
                "gearbox.lifoSlot", "FALSE"));
    assertThat(config.get(WORKERS)).isEqualTo(8);
    assertThat(config.get(KEEP_ALIVE)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.get(LIFO)).isFalse();
    assertThat(config.with("gearbox.blocking.keepAlive", "PT2M").get(KEEP_ALIVE))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(config.with("gearbox.blocking.keepAlive", "1h").get(KEEP_ALIVE))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aBadValueNamesTheKeyTheValueItsSourceAndWhatIsAllowed() {
    Properties properties = new Properties();
    properties.setProperty("gearbox.workers", "0");
    assertThatThrownBy(() -> RuntimeConfig.of(properties).get(WORKERS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "gearbox.workers=0 (from explicit configuration) is not allowed: expected an integer"
                + " from 1 to 64");
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.lifoSlot", "yes")).get(LIFO))
        .hasMessageContaining("gearbox.lifoSlot=yes")
        .hasMessageContaining("true or false");
    assertThatThrownBy(
            () -> RuntimeConfig.of(Map.of("gearbox.blocking.keepAlive", "soon")).get(KEEP_ALIVE))
        .hasMessageContaining("gearbox.blocking.keepAlive=soon")
        .hasMessageContaining("such as 250ms");
  }

  @Test
  void laterSourcesOverrideEarlierOnes() {
    RuntimeConfig low = RuntimeConfig.of(Map.of("gearbox.workers", "1", "a", "x"), "file");
    RuntimeConfig merged = low.overriddenBy(RuntimeConfig.of(Map.of("gearbox.workers", "4")));
    assertThat(merged.get(WORKERS)).isEqualTo(4);
    assertThat(merged.source("a")).isEqualTo("file");
    assertThat(merged.source("gearbox.workers")).isEqualTo("explicit configuration");
    assertThat(merged.source("missing")).isEqualTo("default");
  }
}
