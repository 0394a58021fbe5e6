package dev.gearbox.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The precedence of the configuration sources, as {@link GearboxModule} sees them: explicit, then
 * system property, then the environment, then {@code gearbox.properties} (this module's test
 * resources set {@code gearbox.runtime=minimal} there), then the default.
 */
class ConfigurationSourcesTest {

  @BeforeEach
  void noEnvironmentChoice() {
    assumeTrue(System.getenv(Runtimes.RUNTIME_ENV) == null, "GEARBOX_RUNTIME is set");
  }

  @AfterEach
  void clearSystemProperty() {
    System.clearProperty(RuntimeConfig.RUNTIME_KEY);
  }

  private static String boundKind(GearboxModule module) {
    Injector injector = Guice.createInjector(module);
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      assertThat(lifecycle.isClosed()).isFalse();
      return injector.getInstance(Runtime.class).kind();
    }
  }

  @Test
  void gearboxPropertiesOnTheClassPathWinsOverTheDefault() {
    assertThat(Runtimes.resolve(RuntimeConfig.empty()).source(RuntimeConfig.RUNTIME_KEY))
        .isEqualTo("gearbox.properties on the class path");
    assertThat(boundKind(new GearboxModule())).isEqualTo("minimal");
  }

  @Test
  void itsOtherKeysReachTheRuntime() {
    Injector injector = Guice.createInjector(new GearboxModule());
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Runtime runtime = injector.getInstance(Runtime.class);
      String thread = runtime.spawn(Futures.lazy(() -> Thread.currentThread().getName())).join();
      assertThat(thread).startsWith("from-properties-");
      assertThat(lifecycle.isClosed()).isFalse();
    }
  }

  @Test
  void aSystemPropertyWinsOverGearboxProperties() {
    System.setProperty(RuntimeConfig.RUNTIME_KEY, "workstealing");
    assertThat(boundKind(new GearboxModule())).isEqualTo("workstealing");
  }

  @Test
  void anExplicitKindWinsOverBoth() {
    System.setProperty(RuntimeConfig.RUNTIME_KEY, "workstealing");
    assertThat(boundKind(GearboxModule.ofKind("minimal"))).isEqualTo("minimal");
  }
}
