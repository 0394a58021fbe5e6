package dev.gearbox.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gearbox.runtime.Runtime;
import org.junit.jupiter.api.Test;

/**
 * The build runs these tests twice: on the module path (surefire's default, patched into {@code
 * dev.gearbox.guice}) and on the class path; this test checks each run is where it claims to be.
 */
class ModulePathTest {

  @Test
  void runsWhereTheBuildSaysAndBindsTheRuntimeThere() {
    boolean modulePath = Boolean.parseBoolean(System.getProperty("guice.test.modulePath", "true"));
    Module module = GearboxModule.class.getModule();
    assertThat(module.isNamed()).isEqualTo(modulePath);
    if (modulePath) {
      assertThat(module.getName()).isEqualTo("dev.gearbox.guice");
      assertThat(Injector.class.getModule().getName()).isEqualTo("com.google.guice");
    }
    Injector injector = Guice.createInjector(GearboxModule.ofKind("minimal"));
    try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
      assertThat(injector.getInstance(Runtime.class).kind()).isEqualTo("minimal");
      assertThat(lifecycle.isClosed()).isFalse();
    }
  }
}
