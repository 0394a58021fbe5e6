package dev.gearbox.verification.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The exports of runtime-api's built module descriptor keep {@link ExportRules}: internal packages
 * go only to the runtimes and the testkit. The synthetic descriptors below prove the check fails
 * when a rule breaks. docs/architecture.md ("Layers") lists who sees which package.
 */
class ModuleExportsTest {

  /** runtime-api's module as built: its jar or classes directory, read with a ModuleFinder. */
  private static ModuleDescriptor builtApi() throws URISyntaxException {
    Path location =
        Path.of(Runtime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("modules at " + location).hasSize(1);
    return found.iterator().next().descriptor();
  }

  @Test
  void runtimeApiExportsItsInternalsOnlyToTheRuntimesAndTheTestkit() throws Exception {
    ModuleDescriptor api = builtApi();

    assertThat(api.name()).isEqualTo("dev.gearbox.api");
    assertThat(ExportRules.violations(api)).isEmpty();
  }

  /** The check sees the packages it is about, so that it cannot pass by matching nothing. */
  @Test
  void theInternalPackagesExistAndTheUserPackagesAreExportedToAll() throws Exception {
    ModuleDescriptor api = builtApi();

    Set<String> internal =
        api.packages().stream().filter(ExportRules::isInternal).collect(Collectors.toSet());
    assertThat(internal)
        .contains(
            "dev.gearbox.spi",
            "dev.gearbox.spi.sched",
            "dev.gearbox.spi.jfr",
            "dev.gearbox.time.driver",
            "dev.gearbox.io.driver",
            "dev.gearbox.io.reactor");
    Set<String> exportedToAll =
        api.exports().stream()
            .filter(export -> !export.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertThat(exportedToAll)
        .contains(
            "dev.gearbox.future",
            "dev.gearbox.runtime",
            "dev.gearbox.time",
            "dev.gearbox.io",
            "dev.gearbox.sync",
            "dev.gearbox.stream",
            "dev.gearbox.fs",
            "dev.gearbox.fiber")
        .doesNotContainAnyElementsOf(internal);
  }

  @Test
  void anInternalPackageExportedToEveryoneFails() {
    ModuleDescriptor module =
        ModuleDescriptor.newModule("dev.gearbox.api")
            .exports("dev.gearbox.future")
            .exports("dev.gearbox.spi")
            .exports("dev.gearbox.io.driver")
            .exports("dev.gearbox.time.driver")
            .build();

    assertThat(ExportRules.violations(module))
        .hasSize(3)
        .anySatisfy(line -> assertThat(line).startsWith("exports dev.gearbox.spi to everyone"))
        .anySatisfy(
            line -> assertThat(line).startsWith("exports dev.gearbox.io.driver to everyone"))
        .anySatisfy(
            line -> assertThat(line).startsWith("exports dev.gearbox.time.driver to everyone"));
  }

  @Test
  void aQualifiedExportToAModuleOutsideTheListFails() {
    ModuleDescriptor module =
        ModuleDescriptor.newModule("dev.gearbox.api")
            .exports(
                Set.of(), "dev.gearbox.spi.sched", Set.of("dev.gearbox.minimal", "com.example.app"))
            .exports(Set.of(), "dev.gearbox.spi.jfr", Set.of("dev.gearbox.testkit"))
            .build();

    assertThat(ExportRules.violations(module))
        .containsExactly(
            "exports dev.gearbox.spi.sched to com.example.app: not one of "
                + "[dev.gearbox.embedded, dev.gearbox.minimal, dev.gearbox.multithread,"
                + " dev.gearbox.testkit, dev.gearbox.workstealing]");
  }

  @Test
  void anInternalPackageOpenedToEveryoneOrAnOpenModuleFails() {
    ModuleDescriptor opensSpi =
        ModuleDescriptor.newModule("dev.gearbox.api").opens("dev.gearbox.io.reactor").build();
    ModuleDescriptor open =
        ModuleDescriptor.newOpenModule("dev.gearbox.api")
            .packages(Set.of("dev.gearbox.spi"))
            .build();

    assertThat(ExportRules.violations(opensSpi))
        .singleElement()
        .asString()
        .startsWith("opens dev.gearbox.io.reactor to everyone");
    assertThat(ExportRules.violations(open)).singleElement().asString().contains("is open");
  }

  @Test
  void userPackagesExportedToEveryonePass() {
    ModuleDescriptor module =
        ModuleDescriptor.newModule("dev.gearbox.api")
            .exports("dev.gearbox.future")
            .exports("dev.gearbox.io")
            .exports("dev.gearbox.io.codec")
            .exports("dev.gearbox.runtime")
            .build();

    assertThat(ExportRules.violations(module)).isEmpty();
  }
}
