package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.GearboxRuntimeMXBean;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeMetrics;
import dev.gearbox.runtime.RuntimeObjectNames;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.sync.Channel;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: every runtime registers a {@link GearboxRuntimeMXBean} with the platform MBean
 * server under a name unique in the JVM, with its metrics as attributes and a shutdown operation;
 * it dumps its tasks, it unregisters at shutdown, and {@code gearbox.jmx=false} registers nothing.
 */
public interface ManagementConformance extends ConformanceFixture {

  /** The attribute of each shared metric, by the metric's name. */
  Map<String, String> ATTRIBUTES =
      Map.ofEntries(
          Map.entry(Metric.WORKERS.name(), "Workers"),
          Map.entry(Metric.TASKS_ALIVE.name(), "AliveTasks"),
          Map.entry(Metric.TASKS_SPAWNED.name(), "SpawnedTasks"),
          Map.entry(Metric.POLLS.name(), "Polls"),
          Map.entry(Metric.STEALS.name(), "Steals"),
          Map.entry(Metric.GLOBAL_QUEUE_DEPTH.name(), "GlobalQueueDepth"),
          Map.entry(Metric.LOCAL_QUEUE_DEPTH.name(), "LocalQueueDepth"),
          Map.entry(Metric.PARKS.name(), "Parks"),
          Map.entry(Metric.BLOCKING_THREADS.name(), "BlockingThreads"),
          Map.entry(Metric.BLOCKING_QUEUE_DEPTH.name(), "BlockingQueueDepth"),
          Map.entry(Metric.TIMERS_PENDING.name(), "TimersPending"),
          Map.entry(Metric.IO_REGISTRATIONS.name(), "IoRegistrations"),
          Map.entry(Metric.UNJOINED_FAILURES.name(), "UnjoinedFailures"),
          Map.entry(Metric.SLOW_POLLS.name(), "SlowPolls"));

  /**
   * Every shared metric reads through the platform MBean server: not negative where the runtime
   * reports it, -1 where it does not; the {@code Metrics} attribute holds every reported metric.
   *
   * @throws Exception if the MBean server fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void mxBeanShowsEveryMetric() throws Exception {
    Runtime runtime = runtime();
    runtime.spawn(dev.gearbox.future.Futures.yieldNow()).join(); // task polls to count
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = RuntimeObjectNames.objectName(runtime);
    assertThat(server.isRegistered(name)).as("%s registered", name).isTrue();
    assertThat(name.getKeyProperty("kind")).isEqualTo(runtime.kind());
    assertThat(server.getAttribute(name, "Kind")).isEqualTo(runtime.kind());
    assertThat(server.getAttribute(name, "Name")).isEqualTo(runtime.name());

    RuntimeMetrics metrics = runtime.metrics();
    assertThat(ATTRIBUTES.keySet())
        .containsExactlyInAnyOrderElementsOf(Metric.shared().stream().map(Metric::name).toList());
    for (Metric metric : Metric.shared()) {
      long value = (long) server.getAttribute(name, ATTRIBUTES.get(metric.name()));
      if (metrics.notApplicable().contains(metric)) {
        assertThat(value).as("%s, not applicable", metric.name()).isEqualTo(-1);
      } else {
        assertThat(value).as(metric.name()).isNotNegative();
      }
    }
    // a worker publishes its poll count in batches (at the latest when it parks), maybe after the
    // join returned
    Await.until(
        WAIT,
        () -> pollsAttribute(server, name) > 0,
        "the Polls attribute counts the task's polls");

    TabularData table = (TabularData) server.getAttribute(name, "Metrics");
    Set<String> keys =
        table.values().stream()
            .map(row -> (String) ((CompositeData) row).get("key"))
            .collect(Collectors.toSet());
    List<String> described = metrics.describe().stream().map(Metric::name).toList();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(described);
  }

  private static long pollsAttribute(MBeanServer server, ObjectName name) {
    try {
      return (long) server.getAttribute(name, "Polls");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Two runtimes of one kind live side by side under different names; each is unregistered when it
   * closes.
   *
   * @throws Exception if the MBean server fails
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void twoRuntimesHaveTheirOwnNamesAndUnregisterOnClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Runtime one = createRuntime();
    Runtime two = createRuntime();
    ObjectName first = RuntimeObjectNames.objectName(one);
    ObjectName second = RuntimeObjectNames.objectName(two);
    try {
      assertThat(one.name()).isNotEqualTo(two.name());
      assertThat(first).isNotEqualTo(second);
      assertThat(server.isRegistered(first)).isTrue();
      assertThat(server.isRegistered(second)).isTrue();
      ObjectName pattern =
          new ObjectName(RuntimeObjectNames.DOMAIN + ":type=Runtime,kind=" + one.kind() + ",*");
      assertThat(server.queryNames(pattern, null)).contains(first, second);
    } finally {
      assertThat(one.shutdown(WAIT)).isTrue();
      assertThat(server.isRegistered(first)).as("unregistered after shutdown").isFalse();
      assertThat(server.isRegistered(second)).isTrue();
      two.close();
    }
    assertThat(server.isRegistered(second)).as("unregistered after close").isFalse();
  }

  /** With {@code gearbox.jmx=false} the runtime registers no MXBean. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void jmxKeyOptsOut() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try (Runtime runtime = createRuntime(Map.of(CommonKeys.JMX.name(), "false"))) {
      assertThat(server.isRegistered(RuntimeObjectNames.objectName(runtime))).isFalse();
      assertThat(runtime.blockOn(dev.gearbox.future.Futures.ready(1))).isEqualTo(1);
    }
  }

  /**
   * The MXBean's {@code shutdown(timeoutMillis)} operation shuts the runtime down, waits for it and
   * unregisters the MXBean.
   *
   * @throws Exception if the MBean server fails
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownOperationShutsTheRuntimeDown() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try (Runtime runtime = createRuntime()) {
      ObjectName name = RuntimeObjectNames.objectName(runtime);
      GearboxRuntimeMXBean bean = JMX.newMXBeanProxy(server, name, GearboxRuntimeMXBean.class);
      assertThat(bean.isShutdown()).isFalse();
      assertThat(bean.getKind()).isEqualTo(runtime.kind());
      assertThat(bean.shutdown(WAIT.toMillis())).as("terminated within %s", WAIT).isTrue();
      assertThat(runtime.isShutdown()).isTrue();
      assertThat(runtime.isTerminated()).isTrue();
      assertThat(server.isRegistered(name)).isFalse();
    }
  }

  /**
   * The MXBean's {@code dumpTasks(limit)} operation, invoked through the MBean server as jconsole
   * does, returns the runtime's task dump: a task waiting on a channel shows the future it waits
   * in.
   *
   * @throws Exception if the MBean server fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void dumpTasksOperationNamesTheFutureATaskWaitsIn() throws Exception {
    Runtime runtime = runtime();
    Channel.Pair<String> channel = Channel.unbounded();
    JoinHandle<String> receiver = runtime.spawn(channel.receiver().receive());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = RuntimeObjectNames.objectName(runtime);
    Await.until(
        WAIT,
        () -> dumpThroughJmx(server, name).contains("Channel.receive"),
        () -> "the dump through JMX to name Channel.receive:\n" + dumpThroughJmx(server, name));
    channel.sender().trySend("done");
    assertThat(receiver.join(WAIT)).isEqualTo("done");
  }

  private static String dumpThroughJmx(MBeanServer server, ObjectName name) {
    try {
      return (String) server.invoke(name, "dumpTasks", new Object[] {10}, new String[] {"int"});
    } catch (JMException e) {
      throw new IllegalStateException("dumpTasks through JMX failed", e);
    }
  }
}
