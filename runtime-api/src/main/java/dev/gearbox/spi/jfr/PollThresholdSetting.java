package dev.gearbox.spi.jfr;

import java.util.Set;
import jdk.jfr.SettingControl;

/**
 * The {@code pollThreshold} setting of {@code dev.gearbox.SlowPoll}: polls longer than it are
 * recorded. JFR hands it the value of every running recording that names it; the lowest wins, as
 * for JFR's own {@code threshold}. The default is {@value #DEFAULT}.
 */
final class PollThresholdSetting extends SettingControl {
  /** The setting's name in {@code .jfc} files and recording settings. */
  static final String NAME = "pollThreshold";

  /** The threshold when no recording names one. */
  static final String DEFAULT = "10 ms";

  private static final long DEFAULT_NANOS = Durations.parseNanos(DEFAULT, 0);

  /** The threshold in force; any thread reads it, JFR's threads write it. */
  private static volatile long thresholdNanos = DEFAULT_NANOS;

  private String value = DEFAULT;

  /** Created by JFR. */
  PollThresholdSetting() {}

  @Override
  public String combine(Set<String> values) {
    long lowest = Long.MAX_VALUE;
    String chosen = DEFAULT;
    for (String candidate : values) {
      long nanos = Durations.parseNanos(candidate, -1);
      if (nanos >= 0 && nanos < lowest) {
        lowest = nanos;
        chosen = candidate;
      }
    }
    return chosen;
  }

  @Override
  public void setValue(String text) {
    value = text;
    thresholdNanos = Durations.parseNanos(text, DEFAULT_NANOS);
    SlowPolls.thresholdChanged();
  }

  @Override
  public String getValue() {
    return value;
  }

  /** The threshold in force, in nanoseconds. */
  static long nanos() {
    return thresholdNanos;
  }
}
