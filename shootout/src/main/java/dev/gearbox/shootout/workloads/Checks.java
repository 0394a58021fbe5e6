package dev.gearbox.shootout.workloads;

/** The result checks of the standard workloads. */
final class Checks {
  private Checks() {}

  /**
   * Fails the run when a workload's result is wrong.
   *
   * @throws IllegalStateException naming the check when {@code condition} is false
   */
  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("workload check failed: " + what);
    }
  }

  /** Fails unless {@code value} is at least {@code min}, naming the parameter. */
  static int atLeast(String parameter, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          parameter + "=" + value + " is not allowed: expected at least " + min);
    }
    return value;
  }
}
