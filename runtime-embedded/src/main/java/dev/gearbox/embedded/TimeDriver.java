package dev.gearbox.embedded;

/**
 * Where an executor's time comes from (Embassy's {@code embassy-time-driver}): a tick counter, and
 * how long the executor may sleep before a deadline. {@link SystemTimeDriver} follows the system's
 * monotonic clock; {@link ManualTimeDriver} moves only when advanced, so device logic is tested
 * deterministically.
 *
 * <p>An implementation must be thread-safe: executors on several threads may share one driver.
 */
public interface TimeDriver {

  /** The deadline of no timer: {@link Long#MAX_VALUE} ticks. */
  long NEVER = Long.MAX_VALUE;

  /**
   * The current time, in ticks of {@link Ticks#HZ} per second since the driver's epoch; never
   * decreases. No allocation.
   *
   * @return ticks, at least 0
   */
  long now();

  /**
   * How long, in real nanoseconds, an idle executor may sleep before {@code deadlineTicks} is
   * reached: 0 if it is reached, {@link Long#MAX_VALUE} if only a call from outside (such as {@link
   * ManualTimeDriver#advance}) can move time there.
   *
   * @param deadlineTicks a tick reading, or {@link #NEVER}
   * @return nanoseconds to sleep at most
   */
  long nanosUntil(long deadlineTicks);

  /**
   * Registers {@code listener}, run on the advancing thread each time time jumps by hand, so idle
   * executors wake to fire their due timers. The default does nothing: time that flows on its own
   * needs no listener.
   *
   * @param listener what to run after each jump; it must be quick and must not throw
   */
  default void onAdvance(Runnable listener) {}
}
