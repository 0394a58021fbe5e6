package dev.gearbox.spi.jfr;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Whether each Gearbox event on a hot path is recorded now, as plain reads for the emission sites:
 * a poll, spawn or completion pays one read of a static field while its event is off.
 */
public final class EventSwitches {
  /*
   * Implementation notes: the flags (volatile; written by JFR's notification threads and by the
   * thread that initialises this class) follow the recordings through a FlightRecorderListener,
   * registered once per JVM when this class initialises; registering does not start JFR. JFR calls
   * it when it initialises and whenever a recording changes state (starts, stops, closes), which
   * is when the set of enabled events changes. A change of settings on a running recording is not
   * a state change: a recording should be configured before it starts.
   */
  private static volatile boolean slowPoll;
  private static volatile boolean workerPark;
  private static volatile boolean taskSpawn;
  private static volatile boolean taskEnd;

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

  private EventSwitches() {}

  private static synchronized void refresh() {
    slowPoll = enabled(SlowPollEvent.class);
    workerPark = enabled(WorkerParkEvent.class);
    taskSpawn = enabled(TaskSpawnEvent.class);
    taskEnd = enabled(TaskEndEvent.class);
    SlowPolls.switchChanged(slowPoll);
  }

  private static boolean enabled(Class<? extends Event> type) {
    return EventType.getEventType(type).isEnabled();
  }

  /**
   * Whether {@code dev.gearbox.SlowPoll} is recorded.
   *
   * @return true while a recording has it enabled
   */
  public static boolean slowPoll() {
    return slowPoll;
  }

  /**
   * Whether {@code dev.gearbox.WorkerPark} is recorded.
   *
   * @return true while a recording has it enabled
   */
  public static boolean workerPark() {
    return workerPark;
  }

  /**
   * Whether {@code dev.gearbox.TaskSpawn} is recorded (off unless a recording enables it).
   *
   * @return true while a recording has it enabled
   */
  public static boolean taskSpawn() {
    return taskSpawn;
  }

  /**
   * Whether {@code dev.gearbox.TaskEnd} is recorded (off unless a recording enables it).
   *
   * @return true while a recording has it enabled
   */
  public static boolean taskEnd() {
    return taskEnd;
  }
}
