package dev.gearbox.spi.jfr;

/**
 * Emits {@code dev.gearbox.WorkerPark} around a park of a runtime thread:
 *
 * <pre>{@code
 * Object park = WorkerParks.begin();
 * parker.park();
 * WorkerParks.end(park, "workstealing");
 * }</pre>
 *
 * <p>While the event is off, {@link #begin()} reads one field and returns null, and {@link #end}
 * returns at once. While it is on, each park reads JFR's clock twice, which is small beside the
 * park itself.
 */
public final class WorkerParks {
  private WorkerParks() {}

  /**
   * Starts timing a park.
   *
   * @return the event to pass to {@link #end}, or null while the event is off
   */
  public static Object begin() {
    if (!EventSwitches.workerPark()) {
      return null;
    }
    WorkerParkEvent event = new WorkerParkEvent();
    event.begin();
    return event;
  }

  /**
   * Ends the park begun with {@code park}, and commits it if it lasted past the threshold.
   *
   * @param park what {@link #begin()} returned (null: nothing to do)
   * @param runtime the runtime's kind
   */
  public static void end(Object park, String runtime) {
    if (park instanceof WorkerParkEvent event) {
      event.end();
      if (event.shouldCommit()) {
        event.runtime = runtime;
        event.commit();
      }
    }
  }
}
