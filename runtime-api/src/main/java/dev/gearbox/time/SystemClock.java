package dev.gearbox.time;

/** The clock backed by {@link System#nanoTime()}; see {@link Clock#system()}. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "Clock.system()";
  }
}
