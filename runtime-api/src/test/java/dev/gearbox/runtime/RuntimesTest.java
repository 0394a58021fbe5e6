package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.spi.RuntimeProvider;
import java.util.Map;
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

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> Runtimes.create((String) null)).hasMessage("kind");
    assertThatThrownBy(() -> Runtimes.resolve(null)).hasMessage("config");
  }
}
