package dev.gearbox.shootout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a shoot-out ran on, for the report: processors, JDK, OS and, where {@code
 * /proc/cpuinfo} names it, the CPU model.
 */
record Machine(int cores, String jdk, String os, String cpu) {
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  /** This machine. */
  static Machine current() {
    return new Machine(
        java.lang.Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        cpuModel(CPU_INFO).orElse("unknown CPU"));
  }

  /** The first {@code model name} of a cpuinfo file, if it has one. */
  static Optional<String> cpuModel(Path cpuInfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(cpuInfo);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    return lines.stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .filter(model -> !model.isEmpty())
        .findFirst();
  }

  /** One line for people. */
  String describe() {
    return cores + " cores, " + cpu + "; " + jdk + "; " + os;
  }
}
