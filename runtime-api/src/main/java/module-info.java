/**
 * The Gearbox API: poll-based futures and wakers, the {@code Runtime} interface and its selection,
 * time, the sync primitives, and the SPI that runtime implementations build on.
 */
module dev.gearbox.api {
  exports dev.gearbox.future;
  exports dev.gearbox.io;
  exports dev.gearbox.io.codec;
  exports dev.gearbox.runtime;
  exports dev.gearbox.sync;
  exports dev.gearbox.time;
  exports dev.gearbox.spi;
  exports dev.gearbox.stream;
  exports dev.gearbox.fs;
  exports dev.gearbox.fiber;

  // The unbounded channel's queue; only the Unsafe-free org.jctools.queues.atomic package is used.
  requires org.jctools.core;

  uses dev.gearbox.runtime.RuntimeProvider;
}
