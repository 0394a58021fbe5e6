package dev.gearbox.spi.jfr;

import java.util.Locale;

/**
 * Parses JFR's duration texts ({@code "10 ms"}, {@code "500 us"}, {@code "0 ns"}, {@code "1 s"}).
 */
final class Durations {
  private Durations() {}

  /**
   * The nanoseconds {@code text} stands for, or {@code fallback} if it is not a JFR duration.
   *
   * @param text a value such as {@code "10 ms"}
   * @param fallback what to return for a text that does not parse
   * @return nanoseconds
   */
  static long parseNanos(String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split))) {
      split++;
    }
    if (split == 0) {
      return fallback;
    }
    long amount;
    try {
      amount = Long.parseLong(trimmed.substring(0, split));
    } catch (NumberFormatException tooLong) {
      return fallback;
    }
    long unit =
        switch (trimmed.substring(split).trim()) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> -1L;
        };
    if (unit < 0 || amount > Long.MAX_VALUE / unit) {
      return fallback;
    }
    return amount * unit;
  }
}
