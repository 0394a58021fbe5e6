package dev.gearbox.spi;

import dev.gearbox.runtime.ConfigKey;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import java.security.CodeSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Spawn-site capture for task dumps: when {@link CommonKeys#SPAWN_SITE} is on, each spawn walks the
 * caller's stack to its first frame outside Gearbox (the JDK, the API and the runtime's own package
 * are skipped) and keeps it, with the spawn time, in the task. Off by default: the walk costs a few
 * microseconds per spawn.
 */
public final class SpawnSites {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource API = codeSource(RawTask.class);

  private SpawnSites() {}

  /**
   * Makes a runtime with {@code factory} and applies {@link CommonKeys#SPAWN_SITE} of {@code
   * config} to it before it is handed out; a provider calls this in its {@code create}. The key is
   * read first, so a bad value starts no runtime.
   *
   * @param config the configuration the runtime is made from
   * @param factory makes the runtime
   * @param <R> the runtime's type
   * @return the runtime made
   * @throws dev.gearbox.runtime.ConfigException if the key's value is not a boolean
   */
  public static <R extends Runtime> R configure(RuntimeConfig config, Supplier<R> factory) {
    boolean on = config.get(CommonKeys.SPAWN_SITE);
    R runtime = Objects.requireNonNull(factory.get(), "runtime");
    if (runtime instanceof AbstractRuntime shell) {
      shell.captureSpawnSites(on);
    }
    return runtime;
  }

  /** The key, for {@link CommonKeys}. */
  static ConfigKey<Boolean> key(String name) {
    return ConfigKey.ofBoolean(
        name, false, "capture where each task is spawned, for task dumps (a stack walk per spawn)");
  }

  /** Where the caller of a spawn on {@code runtime} is, and the time. */
  static TaskOrigin capture(Class<?> runtimeType) {
    long now = System.nanoTime();
    String runtimePackage = runtimeType.getPackageName();
    String site =
        WALKER.walk(
            frames ->
                frames
                    .filter(frame -> !isGearboxOrJdk(frame.getDeclaringClass(), runtimePackage))
                    .findFirst()
                    .map(frame -> frame.toStackTraceElement().toString())
                    .orElse("(unknown)"));
    return new TaskOrigin(now, site, null);
  }

  /** Keeps {@code origin} in the task behind {@code handle}, if it is a runtime's task. */
  static <T> JoinHandle<T> record(JoinHandle<T> handle, TaskOrigin origin) {
    if (handle instanceof RawTask<T> task) {
      task.origin(origin);
    }
    return handle;
  }

  /** The JDK, the API (by its code source), or the runtime's own package. */
  private static boolean isGearboxOrJdk(Class<?> type, String runtimePackage) {
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
      return true;
    }
    if (type.getPackageName().equals(runtimePackage)) {
      return true;
    }
    CodeSource source = codeSource(type);
    return source != null && source.equals(API);
  }

  private static CodeSource codeSource(Class<?> type) {
    return type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
  }
}
