/**
 * The Gearbox test kit: the conformance suite every runtime module runs against itself, and the
 * {@link dev.gearbox.testkit.RuntimeTest} extension that runs a test once on every installed
 * runtime, and the {@code simulated} runtime ({@link dev.gearbox.testkit.sim}).
 */
module dev.gearbox.testkit {
  requires transitive dev.gearbox.api;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires java.management; // InterruptConformance measures the CPU time of runtime threads
  requires jdk.management; // TaskDumpConformance measures what a dump allocates
  requires java.logging; // the failure tests capture what the default System.Logger writes
  requires jdk.jfr; // JfrEventConformanceTests records the runtimes' JFR events

  exports dev.gearbox.testkit;
  exports dev.gearbox.testkit.sim;

  // The simulated runtime's provider is listed in META-INF/services only, not with `provides`: a
  // module that provides a service dev.gearbox.api uses is pulled onto the module path of every
  // runtime module's test run (Surefire resolves service providers), and JUnit with it, which
  // the JUnit launcher on the class path then cannot reach. On the class path, where tests put the
  // testkit, ServiceLoader finds it through META-INF/services.

  // JUnit invokes the suite's lifecycle methods reflectively.
  opens dev.gearbox.testkit to
      org.junit.platform.commons;
}
