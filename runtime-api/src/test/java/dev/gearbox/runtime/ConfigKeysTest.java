package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void aBadFiberCarrierIsRefusedWithWhatIsAllowed() {
    RuntimeConfig config =
        RuntimeConfig.of(Map.of("gearbox.fiber.carrier", "loom"), "system property");
    assertThatThrownBy(() -> ConfigKeys.checkValues(config, null, List.of(PROVIDER)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.fiber.carrier=loom")
        .hasMessageContaining("runtime or jdk");
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

  /**
   * A second runtime, "small", declaring a key of its own and gearbox.workers with another range.
   */
  private static final RuntimeProvider SMALL =
      new RuntimeProvider() {
        @Override
        public String kind() {
          return "small";
        }

        @Override
        public String description() {
          return "another runtime for tests";
        }

        @Override
        public List<ConfigKey<?>> configKeys() {
          return List.of(
              ConfigKey.ofInt("gearbox.small.poolSize", 16, 1, 1024, "tasks alive at once"),
              ConfigKey.ofInt("gearbox.workers", 0, 0, 4, "runner threads"));
        }

        @Override
        public Runtime create(RuntimeConfig config) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void anUnknownKeyAlsoListsTheKnownKeys() {
    RuntimeConfig config = RuntimeConfig.of(Map.of("gearbox.wrokers", "2"));
    assertThatThrownBy(() -> ConfigKeys.checkKnown(config, ConfigKeys.known(List.of(PROVIDER))))
        .hasMessageContaining("did you mean gearbox.workers?")
        .hasMessageContaining(
            "The known keys: gearbox.fiber.carrier, gearbox.runtime, gearbox.time.paused,"
                + " gearbox.workers");
  }

  @Test
  void aKeyOfAnotherRuntimeThanTheChosenOneIsCheckedAllTheSame() {
    RuntimeConfig config =
        RuntimeConfig.of(Map.of("gearbox.small.poolSize", "abc"), "gearbox.properties");
    assertThatThrownBy(() -> ConfigKeys.checkValues(config, PROVIDER, List.of(PROVIDER, SMALL)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "gearbox.small.poolSize=abc (from gearbox.properties) is not allowed: expected an"
                + " integer from 1 to 1024 in ASCII digits (no sign, no spaces) (read by small);"
                + " the chosen runtime, test, does not read it");
    ConfigKeys.checkValues(
        RuntimeConfig.of(Map.of("gearbox.small.poolSize", "8")),
        PROVIDER,
        List.of(PROVIDER, SMALL));
  }

  @Test
  void theChosenRuntimesKeyDecidesWhatItReads() {
    // 0 workers is allowed by "small" but not by the chosen "test" (1 to 64)
    RuntimeConfig zero = RuntimeConfig.of(Map.of("gearbox.workers", "0"));
    assertThatThrownBy(() -> ConfigKeys.checkValues(zero, PROVIDER, List.of(PROVIDER, SMALL)))
        .hasMessageContaining("expected an integer from 1 to 64");
    ConfigKeys.checkValues(zero, SMALL, List.of(PROVIDER, SMALL));
  }

  @Test
  void withoutAChoiceAValueAnyDeclaringRuntimeAllowsPasses() {
    List<RuntimeProvider> both = List.of(PROVIDER, SMALL);
    ConfigKeys.checkValues(RuntimeConfig.of(Map.of("gearbox.workers", "0")), null, both);
    ConfigKeys.checkValues(RuntimeConfig.of(Map.of("gearbox.workers", "64")), null, both);
    assertThatThrownBy(
            () ->
                ConfigKeys.checkValues(
                    RuntimeConfig.of(Map.of("gearbox.workers", "+2")), null, both))
        .hasMessage(
            "gearbox.workers=+2 (from explicit configuration) is not allowed: expected an integer"
                + " from 1 to 64 in ASCII digits (no sign, no spaces) (read by test), or an"
                + " integer from 0 to 4 in ASCII digits (no sign, no spaces) (read by small)");
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
