package dev.gearbox.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The strict syntax of configuration values shared by the {@link ConfigKey} factories: decimal
 * integers in ASCII digits, durations, and how a bad value is shown in an error.
 */
final class ConfigText {
  /*
   * Implementation notes: Integer.parseInt and Long.parseLong accept a leading '+' and every
   * Unicode decimal digit ('٢' parses as 2), and the factories used to trim the text first; a
   * configuration value is text a person wrote in a file or on a command line, so what it means
   * must be plain: ASCII digits only, a leading '-' only where the key allows negatives, no '+',
   * no spaces, no overflow. A value that breaks a rule is refused, never repaired.
   */
  private ConfigText() {}

  /**
   * The value of a decimal integer in ASCII digits, or null if {@code text} is not one: empty, a
   * sign other than a leading '-' (and that only when {@code negativeAllowed}), any other
   * character, or a value past the range of a long.
   */
  static Long parseDecimal(String text, boolean negativeAllowed) {
    boolean negative = text.startsWith("-");
    if (negative && !negativeAllowed) {
      return null;
    }
    int start = negative ? 1 : 0;
    if (text.length() == start) {
      return null;
    }
    long value = 0;
    for (int i = start; i < text.length(); i++) {
      char digit = text.charAt(i);
      if (digit < '0' || digit > '9') {
        return null;
      }
      // accumulate negatively so that Long.MIN_VALUE is reachable, failing on overflow
      long shifted = value * 10;
      if (value < Long.MIN_VALUE / 10 || shifted < Long.MIN_VALUE + (digit - '0')) {
        return null;
      }
      value = shifted - (digit - '0');
    }
    if (negative) {
      return value;
    }
    return value == Long.MIN_VALUE ? null : -value;
  }

  /**
   * A duration written {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h} (an amount in ASCII
   * digits, no sign) or in ISO-8601 ({@code PT10S}, no '+'); null if {@code text} is none of these,
   * has spaces, or overflows.
   */
  static Duration parseDuration(String text) {
    if (text.isEmpty() || text.indexOf('+') >= 0 || hasWhitespace(text)) {
      return null;
    }
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text);
      }
      String lower = text.toLowerCase(Locale.ROOT);
      int unitLength = lower.endsWith("ms") ? 2 : 1;
      Long amount = parseDecimal(lower.substring(0, lower.length() - unitLength), false);
      if (amount == null) {
        return null;
      }
      return switch (lower.substring(lower.length() - unitLength)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> null;
      };
    } catch (DateTimeParseException | ArithmeticException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  /**
   * {@code text} as it should appear after {@code key=} in an error: as is when it is plain
   * printable ASCII, else quoted with spaces kept visible and other characters escaped as {@code
   * \\uXXXX}, so that {@code " 4"} and {@code "\u0662"} read as what they are.
   */
  static String show(String text) {
    boolean plain = !text.isEmpty();
    for (int i = 0; i < text.length() && plain; i++) {
      char c = text.charAt(i);
      plain = c > ' ' && c < 0x7f;
    }
    if (plain) {
      return text;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= ' ' && c < 0x7f && c != '"' && c != '\\') {
        quoted.append(c);
      } else {
        quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return quoted.append('"').toString();
  }

  private static boolean hasWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
