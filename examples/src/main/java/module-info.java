/** Runnable Gearbox programs: the main program and the examples of each use. */
module dev.gearbox.examples {
  requires dev.gearbox.api;
  requires dev.gearbox.embedded;
  requires dev.gearbox.guice;
  requires dev.gearbox.shootout;

  // Guice constructs the Guice example's components reflectively.
  opens dev.gearbox.examples to
      com.google.guice;
}
