/**
 * The Gearbox test kit: the conformance suite every runtime module runs against itself, and the
 * {@link dev.gearbox.testkit.RuntimeTest} extension that runs a test once on every installed
 * runtime, and the {@code simulated} runtime ({@link dev.gearbox.testkit.sim}).
 */
module dev.gearbox.testkit {
  requires transitive dev.gearbox.api;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  exports dev.gearbox.testkit;
  exports dev.gearbox.testkit.sim;

  provides dev.gearbox.spi.RuntimeProvider with
      dev.gearbox.testkit.sim.SimulatedRuntimeProvider;

  // JUnit invokes the suite's lifecycle methods reflectively.
  opens dev.gearbox.testkit to
      org.junit.platform.commons;
}
