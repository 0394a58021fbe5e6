package dev.gearbox.runtime;

import java.util.List;

/**
 * A runtime implementation, found through {@link java.util.ServiceLoader}: a runtime module
 * declares {@code provides dev.gearbox.runtime.RuntimeProvider with ...} in its {@code module-info}
 * and lists the class in {@code META-INF/services} for the class path.
 */
public interface RuntimeProvider {

  /**
   * The kind that selects this runtime in configuration, such as {@code minimal}: lower case
   * letters, digits and dashes.
   *
   * @return the kind
   */
  String kind();

  /**
   * One line that says what this runtime is.
   *
   * @return the description
   */
  String description();

  /**
   * The configuration keys this runtime reads, with their types, defaults and allowed values.
   *
   * @return the keys
   */
  default List<ConfigKey<?>> configKeys() {
    return List.of();
  }

  /**
   * Whether {@link dev.gearbox.runtime.Runtimes#create()} may pick this runtime when the
   * configuration names no kind ("the only runtime installed"). A runtime meant only for tests,
   * such as the testkit's {@code simulated}, returns false: it is installed and listed, but runs
   * only when named. The default is true.
   *
   * @return true if this runtime may be the default choice
   */
  default boolean isDefaultCandidate() {
    return true;
  }

  /**
   * Creates a runtime from the resolved configuration.
   *
   * @param config the configuration, already merged from every source
   * @return a new runtime
   * @throws dev.gearbox.runtime.ConfigException if a value is not allowed
   */
  Runtime create(RuntimeConfig config);
}
