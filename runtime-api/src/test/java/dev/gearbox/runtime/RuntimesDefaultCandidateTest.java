package dev.gearbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A test-only runtime (not a default candidate) is installed but never chosen by default. */
class RuntimesDefaultCandidateTest {

  private static RuntimeProvider provider(String kind, boolean defaultCandidate) {
    return new RuntimeProvider() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public String description() {
        return kind;
      }

      @Override
      public boolean isDefaultCandidate() {
        return defaultCandidate;
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
      providers.put(kind, provider(kind, !kind.equals("simulated")));
    }
    return providers;
  }

  @Test
  void theOnlyRealRuntimeIsChosenBesideATestOnlyOne() {
    assertThat(Runtimes.select(RuntimeConfig.empty(), installed("minimal", "simulated")).kind())
        .isEqualTo("minimal");
  }

  @Test
  void aTestOnlyRuntimeRunsWhenNamed() {
    RuntimeConfig named = RuntimeConfig.of(Map.of("gearbox.runtime", "simulated"));
    assertThat(Runtimes.select(named, installed("minimal", "simulated")).kind())
        .isEqualTo("simulated");
  }

  @Test
  void severalRealRuntimesNameOnlyTheCandidates() {
    assertThatThrownBy(
            () ->
                Runtimes.select(
                    RuntimeConfig.empty(), installed("embedded", "minimal", "simulated")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("(embedded, minimal)");
  }

  @Test
  void onlyTestOnlyRuntimesAreNeverChosenByDefault() {
    assertThatThrownBy(() -> Runtimes.select(RuntimeConfig.empty(), installed("simulated")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("run only when named")
        .hasMessageContaining("gearbox.runtime");
  }
}
