package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code dev.gearbox.WorkerPark}: a runtime thread parked with nothing to run; the
 * event's start is the park and its end the unpark (a wake, a timer, I/O or shutdown). Made by
 * {@link WorkerParks}.
 */
@Name(WorkerParkEvent.NAME)
@Label("Worker Park")
@Category({"Gearbox", "Workers"})
@Description("A runtime thread parked with nothing to run, from the park to the unpark")
@StackTrace(false)
@Threshold("10 ms")
final class WorkerParkEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.WorkerPark";

  @Label("Runtime")
  @Description("The kind of the runtime whose thread parked")
  String runtime;
}
