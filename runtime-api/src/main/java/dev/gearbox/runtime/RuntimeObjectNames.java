package dev.gearbox.runtime;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JMX names of Gearbox runtimes: each runtime registers its {@link GearboxRuntimeMXBean} under
 * {@link #objectName(Runtime)} with the platform MBean server (unless {@code gearbox.jmx=false}),
 * so code that reads a runtime through JMX finds it here rather than spelling the name itself.
 */
public final class RuntimeObjectNames {
  /** The domain of every Gearbox ObjectName. */
  public static final String DOMAIN = "dev.gearbox";

  private RuntimeObjectNames() {}

  /**
   * The name {@code runtime}'s MXBean is registered under: {@code
   * dev.gearbox:type=Runtime,kind=<kind>,name=<name>}, with the kind and name quoted when they hold
   * a character an ObjectName reserves. Cost: builds a new ObjectName.
   *
   * @param runtime a runtime
   * @return its ObjectName
   * @throws IllegalArgumentException if the runtime's kind or name cannot be part of an ObjectName
   */
  public static ObjectName objectName(Runtime runtime) {
    try {
      return new ObjectName(
          DOMAIN
              + ":type=Runtime,kind="
              + quoteIfNeeded(runtime.kind())
              + ",name="
              + quoteIfNeeded(runtime.name()));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(
          "runtime name '" + runtime.name() + "' cannot be part of an ObjectName: " + e, e);
    }
  }

  private static String quoteIfNeeded(String value) {
    for (char special : new char[] {',', '=', ':', '"', '*', '?', '\n', '\\'}) {
      if (value.indexOf(special) >= 0) {
        return ObjectName.quote(value);
      }
    }
    return value.isEmpty() ? ObjectName.quote(value) : value;
  }
}
