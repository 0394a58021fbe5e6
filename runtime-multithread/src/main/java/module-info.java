/**
 * The {@code multithread} Gearbox runtime, the analogue of async-std: one global queue feeding the
 * workers, a monitor that replaces a worker stuck inside one poll, and a dedicated driver thread.
 * Public: {@link dev.gearbox.multithread.MultithreadRuntimeProvider} (the service) and {@link
 * dev.gearbox.multithread.MultithreadRuntimeBuilder}.
 */
module dev.gearbox.multithread {
  requires transitive dev.gearbox.api;
  requires org.jctools.core;
  requires java.management;
  requires jdk.jfr;

  exports dev.gearbox.multithread;

  provides dev.gearbox.runtime.RuntimeProvider with
      dev.gearbox.multithread.MultithreadRuntimeProvider;
}
