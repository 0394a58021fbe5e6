package dev.gearbox.spi.jfr;

import dev.gearbox.runtime.JoinHandle;

/**
 * Times polls for {@code dev.gearbox.SlowPoll} without reading the system clock at every poll: a
 * poll site calls {@link #pollStarted()} before the poll and {@link #pollEnded} after it, each a
 * load of one field (and a branch); only a poll that the coarse clock shows as long reads the
 * system clock once. While no recording has the event enabled both cost only that load.
 *
 * <pre>{@code
 * long start = SlowPolls.pollStarted();
 * task.run();
 * SlowPolls.pollEnded(start, "workstealing", task, futureClass);
 * }</pre>
 */
public final class SlowPolls {
  /*
   * Implementation notes: the time is CoarseClock's, which ticks only while EventSwitches sees the
   * event enabled and reads 0 otherwise; pollStarted returns that reading, and pollEnded does
   * nothing for a start of 0 (a poll that began with the clock stopped). The coarse reading only
   * picks candidates (at least half the threshold, and across a tick); a candidate is measured from
   * the publication of the tick after its start to the system clock now (CoarseClock's notes), a
   * lower bound of its
   * duration, so a late tick can hide a slow poll but never make a quick one look slow. The
   * threshold is the event's pollThreshold setting (PollThresholdSetting), which also sets the
   * clock's tick.
   */
  private SlowPolls() {}

  /**
   * The start of a poll, to hand to {@link #pollEnded}: the coarse clock's time, 0 while slow polls
   * are not recorded.
   *
   * @return an opaque start time
   */
  public static long pollStarted() {
    return CoarseClock.now();
  }

  /**
   * Emits {@code dev.gearbox.SlowPoll} if the poll begun at {@code start} took longer than the
   * threshold. Called by the polling thread right after the poll.
   *
   * @param start what {@link #pollStarted()} returned before the poll
   * @param runtime the runtime's kind
   * @param task the task polled (its id is recorded if it is a {@link JoinHandle}, else its
   *     description)
   * @param futureClass the class of the task's future, or null if unknown
   * @return true if the poll was slow and reported (a recording has the event enabled)
   */
  public static boolean pollEnded(long start, String runtime, Object task, Class<?> futureClass) {
    if (start != 0) {
      long elapsed = CoarseClock.now() - start;
      if (elapsed > 0 && elapsed >= PollThresholdSetting.nanos() / 2) {
        return measure(start, runtime, task, futureClass);
      }
    }
    return false;
  }

  /** A poll that may have been slow: its duration at least, from the system clock. Rare. */
  private static boolean measure(long start, String runtime, Object task, Class<?> futureClass) {
    long atLeast = System.nanoTime() - CoarseClock.publishedAfter(start);
    if (atLeast > 0 && atLeast >= PollThresholdSetting.nanos()) {
      emit(atLeast, runtime, task, futureClass);
      return true;
    }
    return false;
  }

  private static void emit(long elapsed, String runtime, Object task, Class<?> futureClass) {
    SlowPollEvent event = new SlowPollEvent();
    if (event.isEnabled()) {
      event.runtime = runtime;
      if (task instanceof JoinHandle<?> handle) {
        event.taskId = handle.id();
      } else {
        event.task = String.valueOf(task);
      }
      event.futureClass = futureClass;
      event.pollDuration = elapsed;
      event.commit();
    }
  }

  /** Starts or stops the coarse clock as the event is enabled or disabled. */
  static void switchChanged(boolean enabled) {
    CoarseClock.thresholdChanged(PollThresholdSetting.nanos());
    if (enabled) {
      CoarseClock.start();
    } else {
      CoarseClock.stop();
    }
  }

  /** Adjusts the clock's tick to a new threshold. */
  static void thresholdChanged() {
    CoarseClock.thresholdChanged(PollThresholdSetting.nanos());
  }
}
