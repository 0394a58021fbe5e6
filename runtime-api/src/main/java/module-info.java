/**
 * The Gearbox API: poll-based futures and wakers, the {@code Runtime} interface and its selection,
 * time, the sync primitives, and the SPI that runtime implementations build on.
 */
// The qualified exports name runtime modules that are compiled after this one.
@SuppressWarnings("module")
module dev.gearbox.api {
  exports dev.gearbox.future;
  exports dev.gearbox.io;
  // The plumbing under the sockets (Reactor, Registration, Interest, Network): for the runtimes
  // and the testkit's simulated network only.
  exports dev.gearbox.io.driver to
      dev.gearbox.workstealing,
      dev.gearbox.multithread,
      dev.gearbox.minimal,
      dev.gearbox.embedded,
      dev.gearbox.testkit;
  exports dev.gearbox.io.codec;
  exports dev.gearbox.runtime;
  exports dev.gearbox.sync;
  exports dev.gearbox.time;
  // The timer wheel as the runtime's driver holds it (TimerDriver): for the runtimes and the
  // testkit's simulated runtime only.
  exports dev.gearbox.time.driver to
      dev.gearbox.workstealing,
      dev.gearbox.multithread,
      dev.gearbox.minimal,
      dev.gearbox.embedded,
      dev.gearbox.testkit;
  // What runtimes are built from: the task, the runtime shell, the driver, the blocking pool,
  // the shared scheduler parts. For the runtime modules and the testkit (its simulated runtime and
  // the conformance suite) only; verification/ModuleExportsTest fails the build if any of these
  // internal packages is exported to everyone or to a module outside that list.
  exports dev.gearbox.spi to
      dev.gearbox.workstealing,
      dev.gearbox.multithread,
      dev.gearbox.minimal,
      dev.gearbox.embedded,
      dev.gearbox.testkit;
  exports dev.gearbox.spi.sched to
      dev.gearbox.workstealing,
      dev.gearbox.multithread,
      dev.gearbox.minimal,
      dev.gearbox.embedded,
      dev.gearbox.testkit;
  exports dev.gearbox.stream;
  exports dev.gearbox.fs;
  exports dev.gearbox.fiber;

  // JFR events: the cheap emission calls the runtimes make (docs/jfr.md).
  exports dev.gearbox.spi.jfr to
      dev.gearbox.workstealing,
      dev.gearbox.multithread,
      dev.gearbox.minimal,
      dev.gearbox.embedded,
      dev.gearbox.testkit;

  requires jdk.jfr;

  // The unbounded channel's queue; only the Unsafe-free org.jctools.queues.atomic package is used.
  requires org.jctools.core;
  // Each runtime registers its MXBean with the platform MBean server (RuntimeMXBeans).
  requires transitive java.management;

  uses dev.gearbox.runtime.RuntimeProvider;
}
