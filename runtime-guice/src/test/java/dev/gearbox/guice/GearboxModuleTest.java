package dev.gearbox.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.Clock;
import dev.gearbox.time.PausedClock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GearboxModuleTest {

  /** A component that spawns and tells time, as an application's would. */
  static final class Component {
    final Runtime runtime;
    final Clock clock;

    @Inject
    Component(Runtime runtime, Clock clock) {
      this.runtime = runtime;
      this.clock = clock;
    }
  }

  @Test
  void bindsTheConfiguredRuntime() {
    String expected = Runtimes.provider(Runtimes.resolve(RuntimeConfig.empty())).kind();
    Injector injector = Guice.createInjector(new GearboxModule());
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      assertThat(injector.getInstance(Runtime.class).kind()).isEqualTo(expected);
      assertThat(lifecycle).isNotNull();
    }
  }

  @Test
  void aSystemPropertyChoosesTheRuntime() {
    String previous = System.setProperty(RuntimeConfig.RUNTIME_KEY, "minimal");
    try {
      Injector injector = Guice.createInjector(new GearboxModule());
      try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
        assertThat(injector.getInstance(Runtime.class).kind()).isEqualTo("minimal");
        assertThat(lifecycle.isClosed()).isFalse();
      }
    } finally {
      if (previous == null) {
        System.clearProperty(RuntimeConfig.RUNTIME_KEY);
      } else {
        System.setProperty(RuntimeConfig.RUNTIME_KEY, previous);
      }
    }
  }

  @Test
  void anExplicitKindWinsOverTheSystemProperty() {
    String previous = System.setProperty(RuntimeConfig.RUNTIME_KEY, "workstealing");
    try {
      Injector injector = Guice.createInjector(GearboxModule.ofKind("minimal"));
      try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
        assertThat(injector.getInstance(Component.class).runtime.kind()).isEqualTo("minimal");
        assertThat(lifecycle.isClosed()).isFalse();
      }
    } finally {
      if (previous == null) {
        System.clearProperty(RuntimeConfig.RUNTIME_KEY);
      } else {
        System.setProperty(RuntimeConfig.RUNTIME_KEY, previous);
      }
    }
  }

  @Test
  void anExplicitConfigurationSetsEveryKey() {
    RuntimeConfig config =
        RuntimeConfig.of(
            Map.of(
                "gearbox.runtime", "workstealing",
                "gearbox.workers", "2",
                "gearbox.time.paused", "true"));
    Injector injector = Guice.createInjector(GearboxModule.of(config));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Component component = injector.getInstance(Component.class);
      assertThat(component.runtime.kind()).isEqualTo("workstealing");
      assertThat(component.runtime.metrics().all()).containsEntry("workers", 2L);
      assertThat(component.clock).isInstanceOf(PausedClock.class);
      assertThat(lifecycle.isClosed()).isFalse();
    }
  }

  @Test
  void theRuntimeAndClockAreSingletons() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, GearboxModule.ofKind("minimal"));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      Component first = injector.getInstance(Component.class);
      Component second = injector.getInstance(Component.class);
      assertThat(first).isNotSameAs(second);
      assertThat(first.runtime)
          .isSameAs(second.runtime)
          .isSameAs(injector.getInstance(Runtime.class));
      assertThat(first.clock).isSameAs(second.clock).isSameAs(first.runtime.clock());
      assertThat(injector.getInstance(GearboxLifecycle.class)).isSameAs(lifecycle);
    }
  }

  @Test
  void aBadConfigurationFailsTheInjectionNamingTheValue() {
    Injector injector = Guice.createInjector(GearboxModule.ofKind("tokio"));
    assertThatThrownBy(() -> injector.getInstance(Runtime.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("gearbox.runtime=tokio (from explicit configuration)")
        .hasMessageContaining("is not an installed runtime: expected one of");
    RuntimeConfig typo =
        RuntimeConfig.of(Map.of("gearbox.runtime", "minimal", "gearbox.worker", "2"));
    assertThatThrownBy(() -> Guice.createInjector(GearboxModule.of(typo)).getInstance(Clock.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("did you mean gearbox.workers?");
  }
}
