package dev.gearbox.testkit.sim;

import dev.gearbox.runtime.Runtime;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Where a task was spawned: the first frame of the caller's stack that is neither the JDK, the
 * Gearbox API, nor this simulator, as {@code Class.method(File:line)}. One stack walk per spawn,
 * stopped at the first such frame; cheap beside a simulated step.
 */
final class SpawnSite {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource API = codeSource(Runtime.class);
  private static final CodeSource SIMULATOR = codeSource(SpawnSite.class);

  private SpawnSite() {}

  static String capture() {
    return WALKER.walk(
        frames ->
            frames
                .filter(frame -> isUserCode(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.toStackTraceElement().toString())
                .orElse("(unknown)"));
  }

  private static boolean isUserCode(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
      return false;
    }
    CodeSource source = codeSource(type);
    return source == null || !(Objects.equals(source, API) || Objects.equals(source, SIMULATOR));
  }

  private static CodeSource codeSource(Class<?> type) {
    return type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
  }
}
