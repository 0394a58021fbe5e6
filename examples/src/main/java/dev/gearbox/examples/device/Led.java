package dev.gearbox.examples.device;

import java.util.function.BooleanSupplier;

/**
 * A simulated LED: a pin that is on or off, with a count of its toggles and an optional line
 * printed at each change. Written by the device's tasks, read from anywhere.
 */
public final class Led {
  private final boolean print;
  private volatile boolean on;
  private volatile long toggles;

  /**
   * Creates an LED that is off.
   *
   * @param print whether to print each change (the program does; tests do not)
   */
  public Led(boolean print) {
    this.print = print;
  }

  /** Inverts the LED. */
  public void toggle() {
    on = !on;
    toggles++;
    if (print) {
      System.out.println("LED " + (on ? "on " : "off") + " (toggle " + toggles + ")");
    }
  }

  /**
   * Whether the LED is lit.
   *
   * @return true if on
   */
  public boolean isOn() {
    return on;
  }

  /**
   * How often the LED changed.
   *
   * @return the count
   */
  public long toggles() {
    return toggles;
  }

  /**
   * A view of the LED as a condition, for tests.
   *
   * @return true while on
   */
  public BooleanSupplier lit() {
    return this::isOn;
  }
}
