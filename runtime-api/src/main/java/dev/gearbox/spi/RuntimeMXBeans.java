package dev.gearbox.spi;

import dev.gearbox.runtime.GearboxRuntimeMXBean;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.RuntimeObjectNames;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers a runtime's {@link GearboxRuntimeMXBean} with the platform MBean server, as its
 * provider creates it, and unregisters it at shutdown. Written once here so every runtime gets the
 * same names ({@link RuntimeObjectNames}) and attributes.
 */
public final class RuntimeMXBeans {
  /*
   * Implementation notes: the MXBean holds its runtime weakly, so a registered runtime that is
   * dropped without shutdown (a minimal runtime owns no thread that would keep it reachable) can
   * still be collected. Its name then waits in `registered` for the reference queue: every
   * registration first unregisters the MXBeans of runtimes collected since. AbstractRuntime
   * unregisters at shutdown (unregister); a shutdown that raced with the registration is seen by
   * AbstractRuntime.attachManagementName, which refuses, and the registration is undone here.
   */
  private static final ReferenceQueue<Runtime> COLLECTED = new ReferenceQueue<>();
  private static final Map<Reference<? extends Runtime>, ObjectName> REGISTERED =
      new ConcurrentHashMap<>();

  private RuntimeMXBeans() {}

  /**
   * Registers {@code runtime}'s MXBean unless {@code config} says {@code gearbox.jmx=false}, and
   * returns the runtime. A provider calls this on the runtime it has just built.
   *
   * @param runtime the new runtime
   * @param config the configuration it was built from
   * @param <R> the runtime's type
   * @return {@code runtime}
   * @throws IllegalStateException if the platform MBean server refuses the MXBean
   */
  public static <R extends AbstractRuntime> R register(R runtime, RuntimeConfig config) {
    Objects.requireNonNull(runtime, "runtime");
    if (!config.get(CommonKeys.JMX)) {
      return runtime;
    }
    expungeCollected();
    ObjectName name = RuntimeObjectNames.objectName(runtime);
    Bean bean = new Bean(runtime, runtime.kind(), runtime.name());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.registerMBean(bean, name);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register the MXBean " + name + ": " + e, e);
    }
    REGISTERED.put(bean.runtime, name);
    if (!runtime.attachManagementName(name)) {
      unregister(name); // shut down meanwhile
    }
    return runtime;
  }

  /** Unregisters the MXBean named {@code name}, if it is still registered. */
  static void unregister(ObjectName name) {
    REGISTERED.values().remove(name);
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // already gone
    } catch (JMException e) {
      throw new IllegalStateException("cannot unregister the MXBean " + name + ": " + e, e);
    }
  }

  private static void expungeCollected() {
    for (Reference<? extends Runtime> ref = COLLECTED.poll(); ref != null; ref = COLLECTED.poll()) {
      ObjectName name = REGISTERED.remove(ref);
      if (name != null) {
        unregister(name);
      }
    }
  }

  /** The MXBean of one runtime; reads its metrics on each attribute access. */
  private static final class Bean implements GearboxRuntimeMXBean {
    private final WeakReference<Runtime> runtime;
    private final String kind;
    private final String name;

    Bean(Runtime runtime, String kind, String name) {
      this.runtime = new WeakReference<>(runtime, COLLECTED);
      this.kind = kind;
      this.name = name;
    }

    @Override
    public String getKind() {
      return kind;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isShutdown() {
      Runtime current = runtime.get();
      return current == null || current.isShutdown();
    }

    private long read(Metric metric) {
      Runtime current = runtime.get();
      return current == null ? -1 : current.metrics().value(metric.name()).orElse(-1);
    }

    @Override
    public long getWorkers() {
      return read(Metric.WORKERS);
    }

    @Override
    public long getAliveTasks() {
      return read(Metric.TASKS_ALIVE);
    }

    @Override
    public long getSpawnedTasks() {
      return read(Metric.TASKS_SPAWNED);
    }

    @Override
    public long getPolls() {
      return read(Metric.POLLS);
    }

    @Override
    public long getSteals() {
      return read(Metric.STEALS);
    }

    @Override
    public long getGlobalQueueDepth() {
      return read(Metric.GLOBAL_QUEUE_DEPTH);
    }

    @Override
    public long getLocalQueueDepth() {
      return read(Metric.LOCAL_QUEUE_DEPTH);
    }

    @Override
    public long getParks() {
      return read(Metric.PARKS);
    }

    @Override
    public long getBlockingThreads() {
      return read(Metric.BLOCKING_THREADS);
    }

    @Override
    public long getBlockingQueueDepth() {
      return read(Metric.BLOCKING_QUEUE_DEPTH);
    }

    @Override
    public long getTimersPending() {
      return read(Metric.TIMERS_PENDING);
    }

    @Override
    public long getIoRegistrations() {
      return read(Metric.IO_REGISTRATIONS);
    }

    @Override
    public long getUnjoinedFailures() {
      return read(Metric.UNJOINED_FAILURES);
    }

    @Override
    public long getSlowPolls() {
      return read(Metric.SLOW_POLLS);
    }

    @Override
    public Map<String, Long> getMetrics() {
      Runtime current = runtime.get();
      return current == null ? Map.of() : current.metrics().snapshot();
    }

    @Override
    public boolean shutdown(long timeoutMillis) {
      Runtime current = runtime.get();
      return current == null || current.shutdown(Duration.ofMillis(Math.max(0, timeoutMillis)));
    }

    @Override
    public String dumpTasks(int limit) {
      Runtime current = runtime.get();
      return current == null ? "the runtime is gone" : current.dumpTasks(limit).toString();
    }
  }
}
