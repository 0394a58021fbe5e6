package dev.gearbox.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration keys of the installed runtimes: checking that every configured {@code
 * gearbox.*} key is known (with the nearest known key suggested when not) and that its value is
 * allowed, whichever runtime is chosen, and describing them for people.
 */
final class ConfigKeys {
  /*
   * Implementation notes: a value is checked by the key of the chosen runtime when that runtime
   * declares the key (it is the one that reads it), else by the keys of the other installed
   * runtimes that declare it, any one of which may accept it. So one gearbox.properties can hold
   * the settings of several runtimes and a run can switch runtime with -Dgearbox.runtime, while
   * a bad value is refused even when the chosen runtime does not read it (embedded with
   * gearbox.workers=abc), not found only on the day another runtime is chosen.
   */
  private static final String PREFIX = "gearbox.";

  private ConfigKeys() {}

  /**
   * The key of {@link RuntimeConfig#FIBER_CARRIER_KEY}, for configuration checks: {@code runtime}
   * or {@code jdk}.
   */
  private static final ConfigKey<String> FIBER_CARRIER =
      new ConfigKey<>(
          RuntimeConfig.FIBER_CARRIER_KEY,
          "runtime",
          "runtime or jdk",
          "what carries fibers, JVM-wide, read once: runtime (the default; the JDK's scheduler"
              + " without --add-opens java.base/java.lang) or jdk (the JDK's scheduler)",
          text ->
              switch (text) {
                case "runtime", "jdk" -> text;
                default -> null;
              });

  /**
   * Every key any of {@code providers} declares, by name, plus the runtime selector and the fiber
   * carrier (JVM-wide system properties that no runtime declares).
   */
  static Map<String, ConfigKey<?>> known(Collection<RuntimeProvider> providers) {
    Map<String, ConfigKey<?>> keys = new TreeMap<>();
    keys.put(
        RuntimeConfig.RUNTIME_KEY,
        ConfigKey.ofString(
            RuntimeConfig.RUNTIME_KEY,
            "",
            "the runtime kind; default: workstealing, else the only one"));
    keys.put(RuntimeConfig.FIBER_CARRIER_KEY, FIBER_CARRIER);
    for (RuntimeProvider provider : providers) {
      for (ConfigKey<?> key : provider.configKeys()) {
        keys.putIfAbsent(key.name(), key);
      }
    }
    return keys;
  }

  /**
   * Fails on a {@code gearbox.*} key that no installed runtime declares.
   *
   * @throws ConfigException naming the key, where it came from, and the nearest known key
   */
  static void checkKnown(RuntimeConfig config, Map<String, ConfigKey<?>> known) {
    for (String key : config.values().keySet()) {
      if (key.startsWith(PREFIX) && !known.containsKey(key)) {
        throw new ConfigException(
            key
                + " (from "
                + config.source(key)
                + ") is not a configuration key of any installed runtime; did you mean "
                + nearest(key, known.keySet())
                + "? The known keys: "
                + String.join(", ", known.keySet())
                + " (./gearbox run --describe says what each does)");
      }
    }
  }

  /**
   * Fails on a {@code gearbox.*} value that is not allowed: by the key of {@code chosen} when it
   * declares the key, else by the key of every other runtime of {@code providers} that declares it
   * (one accepting is enough). Keys no runtime declares are left to {@link #checkKnown}.
   *
   * @param config the configuration
   * @param chosen the runtime that will be created, or null when none is chosen yet
   * @param providers the installed runtimes
   * @throws ConfigException naming the key, the value, its source, what is allowed and by which
   *     runtime
   */
  static void checkValues(
      RuntimeConfig config, RuntimeProvider chosen, Collection<RuntimeProvider> providers) {
    for (Map.Entry<String, String> entry : config.values().entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(PREFIX) || name.equals(RuntimeConfig.RUNTIME_KEY)) {
        continue;
      }
      if (name.equals(RuntimeConfig.FIBER_CARRIER_KEY)) {
        FIBER_CARRIER.parse(entry.getValue(), config.source(name));
        continue;
      }
      ConfigKey<?> own = chosen == null ? null : declared(chosen, name);
      if (own != null) {
        own.parse(entry.getValue(), config.source(name));
        continue;
      }
      checkByOthers(config, name, entry.getValue(), chosen, providers);
    }
  }

  private static void checkByOthers(
      RuntimeConfig config,
      String name,
      String text,
      RuntimeProvider chosen,
      Collection<RuntimeProvider> providers) {
    Map<String, List<String>> kindsByAllowed = new LinkedHashMap<>();
    for (RuntimeProvider provider : providers) {
      ConfigKey<?> key = declared(provider, name);
      if (key == null) {
        continue;
      }
      if (key.parser().apply(text) != null) {
        return;
      }
      kindsByAllowed.computeIfAbsent(key.allowed(), allowed -> new ArrayList<>());
      kindsByAllowed.get(key.allowed()).add(provider.kind());
    }
    if (kindsByAllowed.isEmpty()) {
      return; // declared by no runtime: checkKnown's error
    }
    List<String> expected = new ArrayList<>();
    kindsByAllowed.forEach(
        (allowed, kinds) -> expected.add(allowed + " (read by " + String.join(", ", kinds) + ")"));
    String notRead =
        chosen == null ? "" : "; the chosen runtime, " + chosen.kind() + ", does not read it";
    throw new ConfigException(
        name
            + "="
            + ConfigText.show(text)
            + " (from "
            + config.source(name)
            + ") is not allowed: expected "
            + String.join(", or ", expected)
            + notRead);
  }

  /** The key named {@code name} that {@code provider} declares, or null. */
  private static ConfigKey<?> declared(RuntimeProvider provider, String name) {
    for (ConfigKey<?> key : provider.configKeys()) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    return null;
  }

  /** The known key with the smallest edit distance to {@code key}. */
  static String nearest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, case-insensitive, in two rows. */
  static int editDistance(String from, String to) {
    String a = from.toLowerCase(java.util.Locale.ROOT);
    String b = to.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A table of every key: name, default, allowed values, help; grouped by runtime. */
  static String describe(Collection<RuntimeProvider> providers) {
    StringBuilder out = new StringBuilder();
    out.append("gearbox.runtime: the runtime kind; installed: ");
    out.append(String.join(", ", providers.stream().map(RuntimeProvider::kind).toList()));
    out.append('\n');
    for (RuntimeProvider provider : providers) {
      out.append('\n')
          .append(provider.kind())
          .append(": ")
          .append(provider.description())
          .append('\n');
      for (ConfigKey<?> key : provider.configKeys()) {
        out.append(
            String.format(
                "  %-40s default %-20s %s; %s%n",
                key.name(), key.defaultValue(), key.help(), key.allowed()));
      }
    }
    return out.toString();
  }
}
