package dev.gearbox.verification.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gearbox.runtime.Runtime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of {@link LayerRules} over the built classes: the api rules over exactly the
 * classes of runtime-api, the reactor and cycle rules over every Gearbox module on the class path
 * (runtime-api, the four runtimes, the testkit, Guice, the shoot-out). A failure names the rule,
 * the class and the dependency that breaks it; docs/architecture.md ("Layers") says how to read it.
 */
class LayeringTest {
  /** Exactly runtime-api's classes: its jar or classes directory. */
  private static final JavaClasses API =
      new ClassFileImporter()
          .importUrl(Runtime.class.getProtectionDomain().getCodeSource().getLocation());

  /** The main classes of every Gearbox module on the class path; tests and fixtures left out. */
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.gearbox");

  @Test
  void theImportsHoldTheModulesTheRulesAreAbout() {
    assertThat(API.contain("dev.gearbox.spi.RawTask")).isTrue();
    assertThat(API.contain("dev.gearbox.workstealing.WorkStealingRuntime")).isFalse();
    for (String name :
        List.of(
            "dev.gearbox.spi.RawTask",
            "dev.gearbox.workstealing.WorkStealingRuntime",
            "dev.gearbox.multithread.MultithreadRuntime",
            "dev.gearbox.minimal.MinimalRuntime",
            "dev.gearbox.embedded.EmbeddedRuntime",
            "dev.gearbox.testkit.sim.SimulatedRuntime",
            "dev.gearbox.guice.GearboxModule",
            "dev.gearbox.shootout.Plan",
            "dev.gearbox.shootout.workloads.Workload")) {
      assertThat(ALL.contain(name)).as(name).isTrue();
    }
    assertThat(ALL.contain(LayeringTest.class)).as("tests are left out").isFalse();
  }

  @Test
  void futureDependsOnNothingElseOfGearbox() {
    LayerRules.futureStandsAlone().check(API);
  }

  @Test
  void theLayersOfRuntimeApiRunDownwards() {
    LayerRules.layersRunDownwards(true).check(API);
  }

  @Test
  void nothingOutsideIoNamesTheSelectorReactor() {
    LayerRules.selectorReactorStaysInIo().check(ALL);
  }

  @Test
  void noModuleHasPackageCycles() {
    LayerRules.noPackageCycles().check(ALL);
  }
}
