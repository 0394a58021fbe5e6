package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimesTest {

  private static RuntimeProvider provider(String kind) {
    return new RuntimeProvider() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public String description() {
        return kind + " for tests";
      }

      @Override
      public Runtime create(RuntimeConfig config) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static Map<String, RuntimeProvider> installed(String... kinds) {
    Map<String, RuntimeProvider> providers = new TreeMap<>();
    for (String kind : kinds) {
      providers.put(kind, provider(kind));
    }
    return providers;
  }

  @AfterEach
  void clearSystemProperties() {
    System.clearProperty("gearbox.runtime");
    System.clearProperty("gearbox.workers");
  }

  @Test
  void aProviderThatFailsToLoadIsSkippedAndTheOthersAreFound() {
    RuntimeProvider workstealing = provider("workstealing");
    RuntimeProvider minimal = provider("minimal");
    Iterator<RuntimeProvider> found =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < 3;
          }

          @Override
          public RuntimeProvider next() {
            switch (next++) {
              case 0:
                return workstealing;
              case 1:
                throw new ServiceConfigurationError(
                    "dev.gearbox.runtime.RuntimeProvider: Provider"
                        + " dev.gearbox.testkit.sim.SimulatedRuntimeProvider could not be"
                        + " instantiated",
                    new IllegalAccessError("superclass access check failed"));
              default:
                return minimal;
            }
          }
        };

    assertThat(Runtimes.byKind(found)).containsOnlyKeys("minimal", "workstealing");
  }

  @Test
  void theConfiguredKindIsChosen() {
    RuntimeConfig config = RuntimeConfig.of(Map.of("gearbox.runtime", "minimal"));
    assertThat(Runtimes.select(config, installed("minimal", "workstealing")).kind())
        .isEqualTo("minimal");
  }

  @Test
  void withoutAChoiceWorkstealingIsTheDefault() {
    assertThat(Runtimes.select(RuntimeConfig.empty(), installed("minimal", "workstealing")).kind())
        .isEqualTo("workstealing");
  }

  @Test
  void withoutAChoiceTheOnlyRuntimeIsChosen() {
    assertThat(Runtimes.select(RuntimeConfig.empty(), installed("minimal")).kind())
        .isEqualTo("minimal");
  }

  @Test
  void severalRuntimesAndNoChoiceIsAnErrorNamingTheKeyAndTheKinds() {
    assertThatThrownBy(
            () -> Runtimes.select(RuntimeConfig.empty(), installed("embedded", "minimal")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.runtime")
        .hasMessageContaining("embedded, minimal");
  }

  @Test
  void anUnknownKindNamesTheValueItsSourceAndTheInstalledKinds() {
    System.setProperty("gearbox.runtime", "tokio");
    RuntimeConfig config = Runtimes.resolve(RuntimeConfig.empty());
    assertThatThrownBy(() -> Runtimes.select(config, installed("minimal", "workstealing")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "gearbox.runtime=tokio (from system property) is not an installed runtime: expected"
                + " one of minimal, workstealing");
  }

  @Test
  void noRuntimeInstalledIsAnError() {
    assertThatThrownBy(() -> Runtimes.select(RuntimeConfig.empty(), installed()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no Gearbox runtime is installed");
  }

  @Test
  void explicitConfigurationWinsOverSystemProperties() {
    System.setProperty("gearbox.runtime", "minimal");
    System.setProperty("gearbox.workers", "3");
    RuntimeConfig resolved =
        Runtimes.resolve(RuntimeConfig.of(Map.of("gearbox.runtime", "embedded")));
    assertThat(resolved.kind()).contains("embedded");
    assertThat(resolved.source("gearbox.runtime")).isEqualTo("explicit configuration");
    assertThat(resolved.raw("gearbox.workers")).contains("3");
    assertThat(resolved.source("gearbox.workers")).isEqualTo("system property");
  }

  /**
   * embedded with gearbox.workers=abc used to start: embedded does not read gearbox.workers, so
   * nobody parsed it. Now every gearbox.* value is checked before a runtime is created.
   */
  @Test
  void aBadValueOfAKeyTheChosenRuntimeDoesNotReadIsRefused() {
    java.util.List<String> created = new java.util.ArrayList<>();
    Map<String, RuntimeProvider> providers = new TreeMap<>();
    providers.put("embedded", recording("embedded", java.util.List.of(), created));
    providers.put(
        "workstealing",
        recording(
            "workstealing",
            java.util.List.of(ConfigKey.ofInt("gearbox.workers", 2, 1, 1024, "workers")),
            created));
    RuntimeConfig bad =
        RuntimeConfig.of(Map.of("gearbox.runtime", "embedded", "gearbox.workers", "abc"));
    assertThatThrownBy(() -> Runtimes.create(bad, providers))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("gearbox.workers=abc (from explicit configuration) is not allowed")
        .hasMessageContaining("an integer from 1 to 1024")
        .hasMessageContaining("(read by workstealing)")
        .hasMessageEndingWith("the chosen runtime, embedded, does not read it");
    assertThat(created).isEmpty();
    RuntimeConfig good =
        RuntimeConfig.of(Map.of("gearbox.runtime", "embedded", "gearbox.workers", "4"));
    assertThatThrownBy(() -> Runtimes.create(good, providers))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(created).containsExactly("embedded");
  }

  @Test
  void aNonAsciiDigitOfTheChosenRuntimesKeyIsRefused() {
    Map<String, RuntimeProvider> providers = new TreeMap<>();
    providers.put(
        "workstealing",
        recording(
            "workstealing",
            java.util.List.of(ConfigKey.ofInt("gearbox.workers", 2, 1, 1024, "workers")),
            new java.util.ArrayList<>()));
    RuntimeConfig config = RuntimeConfig.of(Map.of("gearbox.workers", "\u0662"));
    assertThatThrownBy(() -> Runtimes.create(config, providers))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("gearbox.workers=\"\\u0662\" (from explicit configuration)");
  }

  /** A provider declaring {@code keys} whose create records its kind, then throws. */
  private static RuntimeProvider recording(
      String kind, java.util.List<ConfigKey<?>> keys, java.util.List<String> created) {
    return new RuntimeProvider() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public String description() {
        return kind + " for tests";
      }

      @Override
      public java.util.List<ConfigKey<?>> configKeys() {
        return keys;
      }

      @Override
      public Runtime create(RuntimeConfig config) {
        created.add(kind);
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> Runtimes.create((String) null)).hasMessage("kind");
    assertThatThrownBy(() -> Runtimes.resolve(null)).hasMessage("config");
  }
}
