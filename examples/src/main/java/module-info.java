/** Runnable Gearbox programs: the main program and the examples of each use. */
module dev.gearbox.examples {
  requires dev.gearbox.api;
  requires dev.gearbox.embedded;
}
