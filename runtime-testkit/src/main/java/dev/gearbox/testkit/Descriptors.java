package dev.gearbox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The process's open file descriptors, from {@code /proc/self} (Linux), for the I/O tests. */
final class Descriptors {
  private static final Path OPEN = Path.of("/proc/self/fd");
  private static final Path LIMITS = Path.of("/proc/self/limits");

  /** The limit assumed where {@code /proc/self/limits} cannot be read: the usual soft limit. */
  private static final long USUAL_LIMIT = 1024;

  private Descriptors() {}

  /** Whether descriptors can be counted here. */
  static boolean countable() {
    return Files.isDirectory(OPEN);
  }

  /** The number of descriptors open now, or 0 where they cannot be counted. */
  static long open() {
    if (!countable()) {
      return 0;
    }
    try (Stream<Path> descriptors = Files.list(OPEN)) {
      return descriptors.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + OPEN, e);
    }
  }

  /** The soft limit of open files ({@code ulimit -n}). */
  static long limit() {
    try (Stream<String> lines = Files.lines(LIMITS)) {
      return lines
          .filter(line -> line.startsWith("Max open files"))
          .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
          .map(soft -> soft.equals("unlimited") ? Long.MAX_VALUE / 4 : Long.parseLong(soft))
          .findFirst()
          .orElse(USUAL_LIMIT);
    } catch (IOException | RuntimeException e) {
      return USUAL_LIMIT;
    }
  }
}
