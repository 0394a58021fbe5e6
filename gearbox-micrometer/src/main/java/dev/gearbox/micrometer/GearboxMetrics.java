package dev.gearbox.micrometer;

import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds a Gearbox runtime's metrics to a Micrometer {@link MeterRegistry}: each metric the runtime
 * {@linkplain dev.gearbox.runtime.RuntimeMetrics#describe() describes} becomes a meter named {@code
 * gearbox.} plus its name ({@code gearbox.tasks.alive}, {@code gearbox.polls}, {@code
 * gearbox.workstealing.polls.lifo}), with its description and base unit, tagged {@code
 * runtime=<name>} and {@code kind=<kind>}. Gauges become {@link Gauge}s, counters {@link
 * FunctionCounter}s.
 *
 * <pre>{@code
 * Runtime runtime = Runtimes.create();
 * new GearboxMetrics(runtime).bindTo(registry);
 * }</pre>
 *
 * <p>The meters hold the runtime weakly and read it when the registry publishes (one read of one
 * metric per meter; nothing runs on the runtime's threads). Once the runtime is shut down its
 * gauges read NaN and its counters keep their last values; once it is collected, every meter reads
 * NaN. No read throws.
 */
public final class GearboxMetrics implements MeterBinder {
  /** The prefix of every meter name. */
  public static final String PREFIX = "gearbox.";

  /** The tag that carries the runtime's name ({@link Runtime#name()}). */
  public static final String RUNTIME_TAG = "runtime";

  /** The tag that carries the runtime's kind ({@link Runtime#kind()}). */
  public static final String KIND_TAG = "kind";

  private final Runtime runtime;
  private final Tags tags;

  /**
   * A binder for {@code runtime}'s metrics.
   *
   * @param runtime the runtime
   * @throws NullPointerException if {@code runtime} is null
   */
  public GearboxMetrics(Runtime runtime) {
    this(runtime, Tags.empty());
  }

  /**
   * A binder for {@code runtime}'s metrics with {@code extraTags} added to every meter.
   *
   * @param runtime the runtime
   * @param extraTags tags for every meter, e.g. the application's name
   * @throws NullPointerException if an argument is null
   */
  public GearboxMetrics(Runtime runtime, Iterable<Tag> extraTags) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.tags =
        Tags.of(RUNTIME_TAG, runtime.name(), KIND_TAG, runtime.kind())
            .and(Objects.requireNonNull(extraTags, "extraTags"));
  }

  /**
   * Registers one meter per metric of the runtime with {@code registry}. Binding the same runtime
   * twice to one registry returns the meters already there.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    for (Metric metric : runtime.metrics().describe()) {
      String name = PREFIX + metric.name();
      if (metric.kind() == Metric.Kind.COUNTER) {
        FunctionCounter.builder(name, runtime, live -> readCounter(live, metric))
            .description(metric.description())
            .baseUnit(metric.unit())
            .tags(tags)
            .register(registry);
      } else {
        Gauge.builder(name, runtime, live -> readGauge(live, metric))
            .description(metric.description())
            .baseUnit(metric.unit())
            .tags(tags)
            .register(registry);
      }
    }
  }

  /** A counter's value; its last value after shutdown, NaN if it cannot be read. */
  private static double readCounter(Runtime live, Metric metric) {
    return read(live, metric);
  }

  /** A gauge's value; NaN after shutdown or if it cannot be read. */
  private static double readGauge(Runtime live, Metric metric) {
    return live.isShutdown() ? Double.NaN : read(live, metric);
  }

  private static double read(Runtime live, Metric metric) {
    try {
      long value = live.metrics().value(metric.name()).orElse(-1);
      return value < 0 ? Double.NaN : value;
    } catch (RuntimeException unreadable) {
      return Double.NaN; // a registry's publishing thread must not fail on a runtime's metrics
    }
  }
}
