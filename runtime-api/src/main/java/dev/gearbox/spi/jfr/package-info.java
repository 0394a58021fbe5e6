/**
 * The JFR events of every Gearbox runtime, and the cheap calls through which runtimes emit them.
 *
 * <p>Events (names in recordings; see {@code docs/jfr.md}): {@code dev.gearbox.SlowPoll}, {@code
 * dev.gearbox.WorkerPark}, {@code dev.gearbox.TaskSpawn}, {@code dev.gearbox.TaskEnd}, {@code
 * dev.gearbox.BlockingPoolGrowth} and {@code dev.gearbox.WorkerReplaced}.
 *
 * <p>Cost policy: an emission site on a path taken at every poll, spawn or completion reads one
 * static field when its event is off, and reads no clock when it is on. The fields that say whether
 * an event is on ({@link dev.gearbox.spi.jfr.EventSwitches}) follow the recordings through a {@code
 * FlightRecorderListener}; slow polls are timed with a coarse clock ({@link
 * dev.gearbox.spi.jfr.SlowPolls}) that ticks only while a recording has the event enabled. Events
 * on rare paths (parks, pool growth, worker replacement) use JFR's own timing and thresholds.
 *
 * <p>Exported only to the runtime modules: the events are the public surface, by name, not these
 * classes.
 */
package dev.gearbox.spi.jfr;
