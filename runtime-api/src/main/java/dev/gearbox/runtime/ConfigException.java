package dev.gearbox.runtime;

/**
 * A configuration that cannot be used: an unknown runtime kind, a value that is not allowed, or no
 * choice where one is needed. The message names the key, the value and what is allowed.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the key, the value and what is allowed
   */
  public ConfigException(String message) {
    super(message);
  }
}
