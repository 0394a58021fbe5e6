package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.spi.RuntimeProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  private static final RuntimeProvider PROVIDER =
      new RuntimeProvider() {
        @Override
        public String kind() {
          return "test";
        }

        @Override
        public String description() {
          return "a runtime for tests";
        }

        @Override
        public List<ConfigKey<?>> configKeys() {
          return List.of(
              ConfigKey.ofInt("gearbox.workers", 2, 1, 64, "worker threads"),
              ConfigKey.ofBoolean("gearbox.time.paused", false, "start with a paused clock"));
        }

        @Override
        public Runtime create(RuntimeConfig config) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(ConfigKeys.editDistance("worker", "workers")).isEqualTo(1);
    assertThat(ConfigKeys.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(ConfigKeys.editDistance("Paused", "paused")).isZero();
  }

  @Test
  void knownKeysPassAndForeignPrefixesAreIgnored() {
    RuntimeConfig config =
        RuntimeConfig.of(
            Map.of("gearbox.workers", "2", "gearbox.runtime", "test", "other.key", "x"));
    ConfigKeys.checkKnown(config, ConfigKeys.known(List.of(PROVIDER)));
  }

  @Test
  void theFiberCarrierPropertyIsAKnownKey() {
    // a JVM-wide system property (read by FiberCarrier), not a runtime's key: it must not make
    // Runtimes.create() fail as an unknown gearbox.* key
    RuntimeConfig config =
        RuntimeConfig.of(Map.of("gearbox.fiber.carrier", "jdk"), "system property");
    ConfigKeys.checkKnown(config, ConfigKeys.known(List.of(PROVIDER)));
    assertThat(ConfigKeys.known(List.of())).containsKey("gearbox.fiber.carrier");
  }

  @Test
  void anUnknownKeyNamesItsSourceAndTheNearestKnownKey() {
    RuntimeConfig config =
        RuntimeConfig.of(Map.of("gearbox.time.pausd", "true"), "system property");
    assertThatThrownBy(() -> ConfigKeys.checkKnown(config, ConfigKeys.known(List.of(PROVIDER))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "gearbox.time.pausd (from system property) is not a configuration key of any installed"
                + " runtime; did you mean gearbox.time.paused?");
  }

  @Test
  void describeListsEachRuntimesKeys() {
    assertThat(ConfigKeys.describe(List.of(PROVIDER)))
        .contains("installed: test")
        .contains("test: a runtime for tests")
        .contains("gearbox.workers")
        .contains("an integer from 1 to 64");
  }
}
