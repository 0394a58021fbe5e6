package dev.gearbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Creates runtimes from configuration.
 *
 * <p>The configuration is merged from these sources, the first one that sets a key winning: an
 * explicit {@link RuntimeConfig}, system properties ({@code -Dgearbox.runtime=minimal}), the
 * environment ({@code GEARBOX_RUNTIME}, for the kind only), {@code gearbox.properties} at the root
 * of the class path. The kind is {@value RuntimeConfig#RUNTIME_KEY}; when no source sets it, the
 * default is {@code workstealing} if installed, else the only runtime installed, not counting
 * test-only runtimes ({@link RuntimeProvider#isDefaultCandidate()} false, such as {@code
 * simulated}), which run only when named. Runtimes are found with {@link ServiceLoader}.
 */
public final class Runtimes {

  /** The environment variable that selects the runtime kind. */
  public static final String RUNTIME_ENV = "GEARBOX_RUNTIME";

  /** The class-path resource read for configuration. */
  public static final String PROPERTIES_RESOURCE = "gearbox.properties";

  /** The kind chosen when several runtimes are installed and none is configured. */
  public static final String DEFAULT_KIND = "workstealing";

  private static final Set<String> UNLOADABLE = ConcurrentHashMap.newKeySet(); // warned of once

  private Runtimes() {}

  /**
   * Creates the configured runtime.
   *
   * @return a new runtime
   * @throws ConfigException if the configured kind is not installed, none is configured and several
   *     are installed, none is installed, or a value is not allowed
   */
  public static Runtime create() {
    return create(RuntimeConfig.empty());
  }

  /**
   * Creates a runtime of the given kind; other keys come from the usual sources.
   *
   * @param kind the runtime kind, such as {@code minimal}
   * @return a new runtime
   * @throws ConfigException if the kind is not installed or a value is not allowed
   */
  public static Runtime create(String kind) {
    Objects.requireNonNull(kind, "kind");
    return create(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind)));
  }

  /**
   * Creates a runtime from {@code config}, put over the usual sources.
   *
   * @param config explicit configuration, which wins over every other source
   * @return a new runtime
   * @throws ConfigException if the kind is not installed, a {@code gearbox.*} key is declared by no
   *     installed runtime, or a value is not allowed (checked for every {@code gearbox.*} key, also
   *     those the chosen runtime does not read)
   */
  public static Runtime create(RuntimeConfig config) {
    return create(resolve(config), providers());
  }

  /**
   * Checks every {@code gearbox.*} key and value of {@code resolved}, then creates the runtime it
   * selects among {@code providers}.
   */
  static Runtime create(RuntimeConfig resolved, Map<String, RuntimeProvider> providers) {
    ConfigKeys.checkKnown(resolved, ConfigKeys.known(providers.values()));
    RuntimeProvider chosen = select(resolved, providers);
    ConfigKeys.checkValues(resolved, chosen, providers.values());
    return chosen.create(resolved);
  }

  /**
   * Checks that every {@code gearbox.*} key of {@code config} is declared by some installed runtime
   * and that its value is allowed by one that declares it, as {@link #create(RuntimeConfig)} does
   * before it creates one; for a program that takes keys now and creates runtimes later. A key
   * declared by another installed runtime than the one chosen is allowed (that runtime ignores it),
   * but its value is checked all the same.
   *
   * @param config the keys to check, as given (not merged with the other sources)
   * @throws ConfigException naming the first unknown key, where it came from, the nearest known key
   *     and the known keys; or naming the first bad value, its key and source, and what is allowed
   */
  public static void checkKeys(RuntimeConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, RuntimeProvider> providers = providers();
    ConfigKeys.checkKnown(config, ConfigKeys.known(providers.values()));
    ConfigKeys.checkValues(config, null, providers.values());
  }

  /**
   * Every configuration key of the installed runtimes, with its default, what it allows and what it
   * does, for people (the main program's {@code --describe}).
   *
   * @return a multi-line description
   */
  public static String describe() {
    return ConfigKeys.describe(providers().values());
  }

  /**
   * The kinds of the installed runtimes, sorted.
   *
   * @return the kinds
   */
  public static List<String> available() {
    return List.copyOf(providers().keySet());
  }

  /**
   * The configuration that {@link #create(RuntimeConfig)} would use: {@code explicit} over system
   * properties, the environment and {@code gearbox.properties}.
   *
   * @param explicit explicit configuration
   * @return the merged configuration
   */
  public static RuntimeConfig resolve(RuntimeConfig explicit) {
    Objects.requireNonNull(explicit, "config");
    RuntimeConfig merged = fromClassPath();
    String env = System.getenv(RUNTIME_ENV);
    if (env != null && !env.isBlank()) {
      merged =
          merged.overriddenBy(
              RuntimeConfig.of(
                  Map.of(RuntimeConfig.RUNTIME_KEY, env), "environment " + RUNTIME_ENV));
    }
    Map<String, String> systemValues = new LinkedHashMap<>();
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      if (key.startsWith("gearbox.")) {
        systemValues.put(key, system.getProperty(key));
      }
    }
    merged = merged.overriddenBy(RuntimeConfig.of(systemValues, "system property"));
    return merged.overriddenBy(explicit);
  }

  /**
   * The provider that {@code config} selects.
   *
   * @param config a resolved configuration
   * @return the provider
   * @throws ConfigException if none fits
   */
  public static RuntimeProvider provider(RuntimeConfig config) {
    return select(config, providers());
  }

  /** Picks the provider {@code config} names among {@code providers} (by kind, sorted). */
  static RuntimeProvider select(RuntimeConfig config, Map<String, RuntimeProvider> providers) {
    if (providers.isEmpty()) {
      throw new ConfigException(
          "no Gearbox runtime is installed: add a runtime module (runtime-minimal,"
              + " runtime-workstealing, ...) to the class path or module path");
    }
    String kind = config.kind().orElse(null);
    if (kind == null) {
      Map<String, RuntimeProvider> candidates = new TreeMap<>(providers);
      candidates.values().removeIf(provider -> !provider.isDefaultCandidate());
      if (candidates.containsKey(DEFAULT_KIND)) {
        return candidates.get(DEFAULT_KIND);
      }
      if (candidates.size() == 1) {
        return candidates.values().iterator().next();
      }
      if (candidates.isEmpty()) {
        throw new ConfigException(
            "no Gearbox runtime to choose by default: the installed ones ("
                + String.join(", ", providers.keySet())
                + ") run only when named; set "
                + RuntimeConfig.RUNTIME_KEY
                + " to one of them, or add a runtime module (runtime-minimal,"
                + " runtime-workstealing, ...)");
      }
      throw new ConfigException(
          "several runtimes are installed ("
              + String.join(", ", candidates.keySet())
              + ") and none is chosen: set "
              + RuntimeConfig.RUNTIME_KEY
              + " (system property, "
              + RUNTIME_ENV
              + " or "
              + PROPERTIES_RESOURCE
              + ") to one of them");
    }
    RuntimeProvider provider = providers.get(kind);
    if (provider == null) {
      throw new ConfigException(
          RuntimeConfig.RUNTIME_KEY
              + "="
              + kind
              + " (from "
              + config.source(RuntimeConfig.RUNTIME_KEY)
              + ") is not an installed runtime: expected one of "
              + String.join(", ", providers.keySet()));
    }
    return provider;
  }

  private static Map<String, RuntimeProvider> providers() {
    return byKind(ServiceLoader.load(RuntimeProvider.class).iterator());
  }

  /**
   * The providers {@code found} yields, by kind; one that fails to load is skipped with a warning.
   */
  static Map<String, RuntimeProvider> byKind(Iterator<RuntimeProvider> found) {
    Map<String, RuntimeProvider> byKind = new TreeMap<>();
    while (true) {
      RuntimeProvider provider;
      try {
        if (!found.hasNext()) {
          break;
        }
        provider = found.next();
      } catch (ServiceConfigurationError | LinkageError unloadable) {
        // A provider this module may not link to (such as the testkit's on the class path while
        // the API is on the module path, without --add-exports) must not stop the others: the
        // loader goes on with the next one.
        warnOnce(unloadable);
        continue;
      }
      RuntimeProvider previous = byKind.putIfAbsent(provider.kind(), provider);
      if (previous != null && previous.getClass() != provider.getClass()) {
        throw new ConfigException(
            "two runtime providers claim the kind '"
                + provider.kind()
                + "': "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName());
      }
    }
    return byKind;
  }

  private static void warnOnce(Throwable unloadable) {
    String reason = String.valueOf(unloadable.getMessage());
    if (UNLOADABLE.add(reason)) {
      System.getLogger("dev.gearbox.runtime")
          .log(
              System.Logger.Level.WARNING,
              "a runtime provider could not be loaded and is skipped (a provider on the class path"
                  + " while dev.gearbox.api is on the module path needs --add-exports"
                  + " dev.gearbox.api/<package>=ALL-UNNAMED for the packages it names): "
                  + reason,
              unloadable);
    }
  }

  private static RuntimeConfig fromClassPath() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Runtimes.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(PROPERTIES_RESOURCE)) {
      if (in == null) {
        return RuntimeConfig.empty();
      }
      Properties properties = new Properties();
      properties.load(in);
      Map<String, String> values =
          properties.stringPropertyNames().stream()
              .collect(Collectors.toMap(key -> key, properties::getProperty));
      return RuntimeConfig.of(values, PROPERTIES_RESOURCE + " on the class path");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PROPERTIES_RESOURCE, e);
    }
  }
}
