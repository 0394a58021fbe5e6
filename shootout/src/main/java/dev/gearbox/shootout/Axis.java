package dev.gearbox.shootout;

import java.util.Locale;

/**
 * A chart's value axis: from 0 to the first "nice" number (1, 2 or 5 times a power of ten, times a
 * whole step count) at or above the largest value, with ticks at every step, about five of them.
 *
 * @param step the distance between ticks
 * @param ticks the number of steps from 0 to the axis' end
 */
record Axis(double step, int ticks) {
  private static final int TARGET_TICKS = 5;

  /**
   * The axis for values up to {@code max}.
   *
   * @throws IllegalArgumentException if {@code max} is not a positive finite number
   */
  static Axis upTo(double max) {
    if (!(max > 0) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("an axis needs a positive finite maximum, got " + max);
    }
    double rough = max / TARGET_TICKS;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    double step = nice * power;
    int ticks = (int) Math.ceil(max / step - 1e-9);
    return new Axis(step, Math.max(ticks, 1));
  }

  /** The value at the axis' end. */
  double end() {
    return step * ticks;
  }

  /** The value of tick {@code index} (0 to {@link #ticks()}). */
  double tick(int index) {
    return step * index;
  }

  /** A tick's label, with as many decimals as the step needs. */
  String label(int index) {
    double value = tick(index);
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
