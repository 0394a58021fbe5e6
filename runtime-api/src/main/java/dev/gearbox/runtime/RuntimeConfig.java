package dev.gearbox.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * An immutable set of configuration values by key, each remembering where it came from (for error
 * messages). {@link Runtimes} merges the sources (explicit config, system properties, environment,
 * {@code gearbox.properties}) into one; a runtime reads typed values with {@link #get(ConfigKey)}.
 */
public final class RuntimeConfig {

  /** The key that selects the runtime kind. */
  public static final String RUNTIME_KEY = "gearbox.runtime";

  /**
   * The system property that chooses what carries fibers, JVM-wide and read once: {@code runtime}
   * (the default) or {@code jdk}; see {@code dev.gearbox.fiber.Fiber#carrier()}.
   */
  public static final String FIBER_CARRIER_KEY = "gearbox.fiber.carrier";

  private final Map<String, String> values;
  private final Map<String, String> sources;

  private RuntimeConfig(Map<String, String> values, Map<String, String> sources) {
    this.values = Collections.unmodifiableMap(values);
    this.sources = Collections.unmodifiableMap(sources);
  }

  /**
   * An empty configuration.
   *
   * @return a configuration with no values
   */
  public static RuntimeConfig empty() {
    return new RuntimeConfig(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /**
   * A configuration of the given values.
   *
   * @param values values by key
   * @return the configuration, with source "explicit configuration"
   * @throws NullPointerException if a key or value is null
   */
  public static RuntimeConfig of(Map<String, String> values) {
    return of(values, "explicit configuration");
  }

  /**
   * A configuration of the given values, from the named source.
   *
   * @param values values by key
   * @param source where they came from, for messages
   * @return the configuration
   */
  public static RuntimeConfig of(Map<String, String> values, String source) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(source, "source");
    Map<String, String> copy = new LinkedHashMap<>();
    Map<String, String> sourceByKey = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
          sourceByKey.put(key, source);
        });
    return new RuntimeConfig(copy, sourceByKey);
  }

  /**
   * A configuration of the given properties.
   *
   * @param properties the properties
   * @return the configuration, with source "explicit configuration"
   */
  public static RuntimeConfig of(Properties properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      values.put(key, properties.getProperty(key));
    }
    return of(values);
  }

  /**
   * This configuration with one more value (replacing an earlier one of the same key).
   *
   * @param key the key
   * @param value the value
   * @return a new configuration
   */
  public RuntimeConfig with(String key, String value) {
    return overriddenBy(of(Map.of(key, value)));
  }

  /**
   * This configuration with every value of {@code higher} put over it.
   *
   * @param higher the configuration that wins
   * @return a new configuration
   */
  public RuntimeConfig overriddenBy(RuntimeConfig higher) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    Map<String, String> mergedSources = new LinkedHashMap<>(sources);
    merged.putAll(higher.values);
    mergedSources.putAll(higher.sources);
    return new RuntimeConfig(merged, mergedSources);
  }

  /**
   * The runtime kind, if one is configured.
   *
   * @return the value of {@value #RUNTIME_KEY}
   */
  public Optional<String> kind() {
    return raw(RUNTIME_KEY).map(String::trim);
  }

  /**
   * The text configured for {@code key}.
   *
   * @param key the key
   * @return the text, if configured
   */
  public Optional<String> raw(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Where the value of {@code key} came from.
   *
   * @param key the key
   * @return the source, or "default" when not configured
   */
  public String source(String key) {
    return sources.getOrDefault(key, "default");
  }

  /**
   * The typed value of {@code key}, or its default when not configured.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value
   * @throws ConfigException if the configured text is not allowed for the key
   */
  public <T> T get(ConfigKey<T> key) {
    String text = values.get(key.name());
    return text == null ? key.defaultValue() : key.parse(text, source(key.name()));
  }

  /**
   * Every configured value by key.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> values() {
    return values;
  }

  @Override
  public String toString() {
    return "RuntimeConfig" + values;
  }
}
