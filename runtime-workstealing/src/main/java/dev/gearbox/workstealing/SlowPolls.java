package dev.gearbox.workstealing;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Whether {@link SlowPollEvent} is recorded, so that workers time their polls only while a JFR
 * recording wants the event: reading the clock twice per poll is not free.
 */
final class SlowPolls {
  /*
   * Implementation notes: `enabled` (volatile, written by JFR's notification threads) follows the
   * recordings through a FlightRecorderListener, registered once per JVM when this class
   * initialises; registering does not start JFR. Workers copy the flag at start, at each
   * maintenance and after each park, so a recording that starts is seen within 61 ticks.
   */
  private static volatile boolean enabled;

  static {
    FlightRecorder.addListener(
        new FlightRecorderListener() {
          @Override
          public void recorderInitialized(FlightRecorder recorder) {
            refresh();
          }

          @Override
          public void recordingStateChanged(Recording recording) {
            refresh();
          }
        });
  }

  private SlowPolls() {}

  private static void refresh() {
    enabled = EventType.getEventType(SlowPollEvent.class).isEnabled();
  }

  /** Whether polls should be timed now. */
  static boolean enabled() {
    return enabled;
  }

  /** Emits the event for a slow poll. Called only after a poll was timed. */
  static void emit(ScheduledTask<?> task, long pollNanos, int worker) {
    SlowPollEvent event = new SlowPollEvent();
    if (event.isEnabled()) {
      event.taskId = task.id();
      event.futureClass = task.futureClass;
      event.worker = worker;
      event.pollDuration = pollNanos;
      event.commit();
    }
  }
}
