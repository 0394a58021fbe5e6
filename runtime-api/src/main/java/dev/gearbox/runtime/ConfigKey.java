package dev.gearbox.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration key: its name, default, what values are allowed, and one line of help.
 * Runtime providers declare the keys they read; {@link RuntimeConfig#get(ConfigKey)} parses and
 * checks a value against its key.
 *
 * @param name the key, such as {@code gearbox.workers}
 * @param defaultValue the value when none is configured
 * @param allowed what values are allowed, in words, for error messages
 * @param help one line that says what the key does
 * @param parser turns text into a value, or returns null when the text is not allowed
 * @param <T> the value type
 */
public record ConfigKey<T>(
    String name, T defaultValue, String allowed, String help, Function<String, T> parser) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if any component but the default is null
   */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(allowed, "allowed");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(parser, "parser");
  }

  /**
   * An integer key with an inclusive range. The value is written in ASCII digits, with a leading
   * {@code -} only when {@code min} is negative; a {@code +}, spaces, other digits (such as {@code
   * '\u0662'}) and values past the range are refused.
   *
   * @param name the key
   * @param defaultValue its default
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param help one line of help
   * @return the key
   */
  public static ConfigKey<Integer> ofInt(
      String name, int defaultValue, int min, int max, String help) {
    return new ConfigKey<>(
        name,
        defaultValue,
        "an integer from " + min + " to " + max + digitsRule(min),
        help,
        text -> {
          Long value = ConfigText.parseDecimal(text, min < 0);
          return value != null && value >= min && value <= max ? (int) (long) value : null;
        });
  }

  /**
   * A long integer key with an inclusive range, written as {@link #ofInt} values are.
   *
   * @param name the key
   * @param defaultValue its default
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param help one line of help
   * @return the key
   */
  public static ConfigKey<Long> ofLong(
      String name, long defaultValue, long min, long max, String help) {
    return new ConfigKey<>(
        name,
        defaultValue,
        "an integer from " + min + " to " + max + digitsRule(min),
        help,
        text -> {
          Long value = ConfigText.parseDecimal(text, min < 0);
          return value != null && value >= min && value <= max ? value : null;
        });
  }

  private static String digitsRule(long min) {
    return min < 0
        ? " in ASCII digits, a leading '-' for a negative (no '+', no spaces)"
        : " in ASCII digits (no sign, no spaces)";
  }

  /**
   * A boolean key: {@code true} or {@code false}, in any case, without spaces around.
   *
   * @param name the key
   * @param defaultValue its default
   * @param help one line of help
   * @return the key
   */
  public static ConfigKey<Boolean> ofBoolean(String name, boolean defaultValue, String help) {
    return new ConfigKey<>(
        name,
        defaultValue,
        "true or false",
        help,
        text ->
            switch (text.toLowerCase(Locale.ROOT)) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> null;
            });
  }

  /**
   * A string key; spaces around the value are dropped.
   *
   * @param name the key
   * @param defaultValue its default
   * @param help one line of help
   * @return the key
   */
  public static ConfigKey<String> ofString(String name, String defaultValue, String help) {
    return new ConfigKey<>(name, defaultValue, "any text", help, String::trim);
  }

  /**
   * A duration key with an inclusive range. Values are written {@code 250ms}, {@code 10s}, {@code
   * 5m}, {@code 1h} (the amount in ASCII digits, no sign), or in ISO-8601 ({@code PT10S}); no
   * {@code +} and no spaces.
   *
   * @param name the key
   * @param defaultValue its default
   * @param min the shortest allowed duration
   * @param max the longest allowed duration
   * @param help one line of help
   * @return the key
   */
  public static ConfigKey<Duration> ofDuration(
      String name, Duration defaultValue, Duration min, Duration max, String help) {
    return new ConfigKey<>(
        name,
        defaultValue,
        "a duration from "
            + min
            + " to "
            + max
            + " (such as 250ms, 10s, 5m, 1h or PT10S; no sign, no spaces)",
        help,
        text -> {
          Duration value = ConfigText.parseDuration(text);
          return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0
              ? value
              : null;
        });
  }

  /**
   * Parses {@code text} as a value of this key.
   *
   * @param text the configured text
   * @param source where the text came from, for the message
   * @return the value
   * @throws ConfigException naming the key, the value, its source and what is allowed
   */
  public T parse(String text, String source) {
    T value = parser.apply(text);
    if (value == null) {
      throw new ConfigException(
          name
              + "="
              + ConfigText.show(text)
              + " (from "
              + source
              + ") is not allowed: expected "
              + allowed);
    }
    return value;
  }
}
