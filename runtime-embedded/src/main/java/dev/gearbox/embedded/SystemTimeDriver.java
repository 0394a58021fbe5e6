package dev.gearbox.embedded;

/**
 * Time from {@link System#nanoTime()}, counted in ticks from the driver's creation: the driver of
 * an executor on real hardware time. Reading it allocates nothing.
 */
public final class SystemTimeDriver implements TimeDriver {
  private static final SystemTimeDriver SHARED = new SystemTimeDriver();

  private final long originNanos = System.nanoTime();

  /** Creates a driver whose epoch is now. */
  public SystemTimeDriver() {}

  /**
   * A driver shared by the whole program, whose epoch is the first use of this class.
   *
   * @return the shared system driver
   */
  public static SystemTimeDriver shared() {
    return SHARED;
  }

  @Override
  public long now() {
    return Ticks.fromNanos(System.nanoTime() - originNanos);
  }

  @Override
  public long nanosUntil(long deadlineTicks) {
    if (deadlineTicks == NEVER) {
      return Long.MAX_VALUE;
    }
    long elapsed = System.nanoTime() - originNanos;
    // rounded up, so that a reading at `due` has reached the deadline
    long due = TickInstant.saturatingAdd(Ticks.toNanos(deadlineTicks), 1);
    return due <= elapsed ? 0 : due - elapsed;
  }

  @Override
  public String toString() {
    return "SystemTimeDriver[now=" + now() + " ticks at " + Ticks.HZ + " Hz]";
  }
}
