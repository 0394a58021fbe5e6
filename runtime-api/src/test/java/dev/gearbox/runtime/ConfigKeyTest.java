package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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
                "gearbox.workers", "8",
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
                + " from 1 to 64 in ASCII digits (no sign, no spaces)");
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.lifoSlot", "yes")).get(LIFO))
        .hasMessageContaining("gearbox.lifoSlot=yes")
        .hasMessageContaining("true or false");
    assertThatThrownBy(
            () -> RuntimeConfig.of(Map.of("gearbox.blocking.keepAlive", "soon")).get(KEEP_ALIVE))
        .hasMessageContaining("gearbox.blocking.keepAlive=soon")
        .hasMessageContaining("such as 250ms");
  }

  @Test
  void integersAreAsciiDigitsWithoutPlusSpacesOrOverflow() {
    for (String bad :
        List.of(
            "+4",
            " 4",
            "4 ",
            "\t4",
            "\u0662",
            "4\u0662",
            "\uFF14",
            "4.0",
            "4_0",
            "0x10",
            "",
            "-",
            "--4",
            "-4",
            "2147483652",
            "99999999999999999999999")) {
      assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.workers", bad)).get(WORKERS))
          .as("'%s'", bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("gearbox.workers=")
          .hasMessageContaining("expected an integer from 1 to 64 in ASCII digits");
    }
    assertThat(RuntimeConfig.of(Map.of("gearbox.workers", "064")).get(WORKERS)).isEqualTo(64);
  }

  @Test
  void aLeadingMinusOnlyWhereNegativesAreAllowed() {
    ConfigKey<Integer> offset = ConfigKey.ofInt("gearbox.offset", 0, -10, 10, "an offset");
    assertThat(RuntimeConfig.of(Map.of("gearbox.offset", "-10")).get(offset)).isEqualTo(-10);
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.offset", "+3")).get(offset))
        .hasMessage(
            "gearbox.offset=+3 (from explicit configuration) is not allowed: expected an integer"
                + " from -10 to 10 in ASCII digits, a leading '-' for a negative (no '+', no"
                + " spaces)");
    ConfigKey<Long> seed = ConfigKey.ofLong("gearbox.seed", 0, Long.MIN_VALUE, Long.MAX_VALUE, "s");
    assertThat(RuntimeConfig.of(Map.of("gearbox.seed", "-9223372036854775808")).get(seed))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(RuntimeConfig.of(Map.of("gearbox.seed", "9223372036854775807")).get(seed))
        .isEqualTo(Long.MAX_VALUE);
    for (String bad : List.of("9223372036854775808", "-9223372036854775809", "+1", " 1")) {
      assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.seed", bad)).get(seed))
          .as("'%s'", bad)
          .isInstanceOf(ConfigException.class);
    }
  }

  @Test
  void aValueWithSpacesOrOtherDigitsIsShownQuotedAndEscaped() {
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.workers", "\u0662")).get(WORKERS))
        .hasMessageStartingWith("gearbox.workers=\"\\u0662\" (from explicit configuration)");
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.workers", " 4")).get(WORKERS))
        .hasMessageStartingWith("gearbox.workers=\" 4\" (from");
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.workers", "")).get(WORKERS))
        .hasMessageStartingWith("gearbox.workers=\"\" (from");
  }

  @Test
  void durationsRefuseSignsSpacesOtherDigitsAndOverflow() {
    for (String bad :
        List.of(
            "+10s",
            " 10s",
            "10s ",
            "10 s",
            "+PT10S",
            "PT+10S",
            "\u0662s",
            "-1s",
            "-PT1S",
            "s",
            "ms",
            "",
            "106751991167301h",
            "99999999999999999999ms")) {
      assertThatThrownBy(
              () -> RuntimeConfig.of(Map.of("gearbox.blocking.keepAlive", bad)).get(KEEP_ALIVE))
          .as("'%s'", bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("no sign, no spaces");
    }
    assertThat(RuntimeConfig.of(Map.of("gearbox.blocking.keepAlive", "0ms")).get(KEEP_ALIVE))
        .isZero();
    assertThat(RuntimeConfig.of(Map.of("gearbox.blocking.keepAlive", "pt30s")).get(KEEP_ALIVE))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void booleansRefuseSpacesAround() {
    assertThatThrownBy(() -> RuntimeConfig.of(Map.of("gearbox.lifoSlot", "true ")).get(LIFO))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("gearbox.lifoSlot=\"true \"");
    assertThat(RuntimeConfig.of(Map.of("gearbox.lifoSlot", "True")).get(LIFO)).isTrue();
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
