package dev.gearbox.spi;

import java.util.Objects;

/**
 * The rule for task names ({@code Runtime.spawn(String, Future)}): 1 to {@value #MAX_LENGTH}
 * characters, not all of them white space, none of them a control character, so that a name fits on
 * the one line a task dump or a log record gives it.
 */
public final class TaskNames {
  /** The longest name allowed, in chars. */
  public static final int MAX_LENGTH = 200;

  private TaskNames() {}

  /**
   * Checks {@code name} against the rule.
   *
   * @param name the name
   * @return {@code name}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it breaks the rule; the message quotes it
   */
  public static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()
        || name.length() > MAX_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "task name "
              + quoted(name)
              + " is not allowed: a name is 1 to "
              + MAX_LENGTH
              + " characters, not all white space, without control characters");
    }
    return name;
  }

  /** {@code name} in quotes, control characters escaped and cut at twice the longest name. */
  private static String quoted(String name) {
    StringBuilder text = new StringBuilder("\"");
    int shown = Math.min(name.length(), 2 * MAX_LENGTH);
    for (int i = 0; i < shown; i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    if (shown < name.length()) {
      text.append("...");
    }
    return text.append("\" (").append(name.length()).append(" chars)").toString();
  }
}
