package dev.gearbox.verification.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.gearbox.future.FixtureFutureNamesRuntime;
import dev.gearbox.sync.FixtureSyncNamesIoDriver;
import dev.gearbox.time.FixtureTimeNamesSpi;
import dev.gearbox.verification.layers.cycle.ping.Ping;
import dev.gearbox.verification.layers.cycle.pong.Pong;
import org.junit.jupiter.api.Test;

/**
 * Each layering rule fails on a fixture that breaks it: small classes in this module's test
 * sources, imported alone, so that a rule that silently matched nothing would be caught here.
 */
class LayerRulesCatchViolationsTest {

  @Test
  void aFutureClassThatNamesTheRuntimeBreaksTheFutureRule() {
    assertViolation(
        LayerRules.futureStandsAlone(),
        new ClassFileImporter().importClasses(FixtureFutureNamesRuntime.class),
        "FixtureFutureNamesRuntime",
        "dev.gearbox.runtime.Runtime");
  }

  @Test
  void aTimeClassThatNamesTheSpiBreaksTheLayerOrder() {
    assertViolation(
        LayerRules.layersRunDownwards(false),
        new ClassFileImporter().importClasses(FixtureTimeNamesSpi.class),
        "FixtureTimeNamesSpi",
        "dev.gearbox.spi.RuntimeDriver");
  }

  @Test
  void aClassOutsideIoThatReachesTheReactorPackageBreaksTheReactorRule() {
    assertViolation(
        LayerRules.selectorReactorStaysInIo(),
        new ClassFileImporter().importClasses(FixtureSyncNamesIoDriver.class),
        "FixtureSyncNamesIoDriver",
        "dev.gearbox.io.reactor.IoDriver");
  }

  @Test
  void twoPackagesThatUseEachOtherBreakTheCycleRule() {
    assertViolation(
        LayerRules.noPackageCycles(),
        new ClassFileImporter().importClasses(Ping.class, Pong.class),
        "Ping",
        "Pong");
  }

  private static void assertViolation(
      ArchRule rule, JavaClasses fixture, String offender, String dependency) {
    EvaluationResult result = rule.evaluate(fixture);
    assertThat(result.hasViolation()).as("%s reports the fixture", rule.getDescription()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains(offender)
        .contains(dependency);
    assertThatThrownBy(() -> rule.check(fixture)).isInstanceOf(AssertionError.class);
  }
}
