package dev.gearbox.verification.layers;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code runtime-api} (module {@code dev.gearbox.api}) may export, as a check over its module
 * descriptor; {@link ModuleExportsTest} runs it on the built module and on synthetic descriptors
 * that break it.
 *
 * <p>The rules:
 *
 * <ol>
 *   <li>An internal package ({@code dev.gearbox.spi} and its subpackages, any {@code *.driver}
 *       package, {@code dev.gearbox.io.reactor}) is never exported or opened to everyone.
 *   <li>A qualified export or open ({@code to ...}) names only the modules of {@link
 *       #ALLOWED_TARGETS}: the four runtimes and the testkit.
 * </ol>
 */
final class ExportRules {
  private ExportRules() {}

  /** The modules internal packages may be exported to. */
  static final Set<String> ALLOWED_TARGETS =
      Set.of(
          "dev.gearbox.workstealing",
          "dev.gearbox.multithread",
          "dev.gearbox.minimal",
          "dev.gearbox.embedded",
          "dev.gearbox.testkit");

  /**
   * Whether {@code pkg} holds internals: what runtimes are built from, not what applications call.
   */
  static boolean isInternal(String pkg) {
    return pkg.equals("dev.gearbox.spi")
        || pkg.startsWith("dev.gearbox.spi.")
        || pkg.endsWith(".driver")
        || pkg.contains(".driver.")
        || pkg.equals("dev.gearbox.io.reactor")
        || pkg.startsWith("dev.gearbox.io.reactor.");
  }

  /**
   * Every broken rule of {@code module}, one line each, naming the package and the rule; empty if
   * it keeps them all.
   */
  static List<String> violations(ModuleDescriptor module) {
    List<String> found = new ArrayList<>();
    for (Exports export : module.exports()) {
      check(found, "exports", export.source(), export.isQualified(), export.targets());
    }
    for (Opens open : module.opens()) {
      check(found, "opens", open.source(), open.isQualified(), open.targets());
    }
    if (module.isOpen()) {
      found.add("module " + module.name() + " is open: every internal package is opened to all");
    }
    found.sort(null);
    return found;
  }

  private static void check(
      List<String> found, String directive, String pkg, boolean qualified, Set<String> targets) {
    if (!qualified) {
      if (isInternal(pkg)) {
        found.add(
            directive
                + " "
                + pkg
                + " to everyone: an internal package goes only `to` "
                + new TreeSet<>(ALLOWED_TARGETS));
      }
      return;
    }
    for (String target : new TreeSet<>(targets)) {
      if (!ALLOWED_TARGETS.contains(target)) {
        found.add(
            directive
                + " "
                + pkg
                + " to "
                + target
                + ": not one of "
                + new TreeSet<>(ALLOWED_TARGETS));
      }
    }
  }
}
