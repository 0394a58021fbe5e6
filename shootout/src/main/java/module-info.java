/**
 * The Gearbox shoot-out: the standard workloads (and any {@link
 * dev.gearbox.shootout.workloads.Workload} a user adds) on every installed runtime beside the JDK
 * baselines, with a printed table, a CSV and an HTML report. The runtimes are found at run time
 * through the API's service loader, never named here.
 */
module dev.gearbox.shootout {
  requires transitive dev.gearbox.api;
  requires java.management;

  exports dev.gearbox.shootout;
  exports dev.gearbox.shootout.workloads;
}
