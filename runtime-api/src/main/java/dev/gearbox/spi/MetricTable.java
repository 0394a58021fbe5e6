package dev.gearbox.spi;

import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.RuntimeMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A runtime's {@link RuntimeMetrics} declared as a table: each metric with the function that reads
 * it, and the shared metrics that do not apply. A runtime's metrics class extends it and declares
 * its rows once, in a static factory of the {@link Builder}; the accessors of {@link
 * RuntimeMetrics} read the shared rows.
 */
public abstract class MetricTable implements RuntimeMetrics {
  /*
   * Implementation notes: immutable after construction. The readers run on the thread that reads
   * the metrics; they sum per-worker counters or compute a level, and never write anything the
   * runtime's hot path reads.
   */
  private final List<Metric> metrics;
  private final List<LongSupplier> readers;
  private final Map<String, Integer> index;
  private final Set<Metric> notApplicable;

  /**
   * Creates the table from its declaration.
   *
   * @param declared the rows and the shared metrics that do not apply
   * @throws IllegalStateException if a shared metric is neither read nor declared not applicable,
   *     or an extra is named without the runtime's kind as its prefix
   */
  protected MetricTable(Builder declared) {
    declared.checkComplete();
    this.metrics = List.copyOf(declared.metrics);
    this.readers = List.copyOf(declared.readers);
    this.notApplicable = Collections.unmodifiableSet(new LinkedHashSet<>(declared.notApplicable));
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      positions.put(metrics.get(i).name(), i);
    }
    this.index = Map.copyOf(positions);
  }

  /**
   * Starts the table of a runtime of {@code kind}: its extras must be named {@code kind + "."}.
   *
   * @param kind the runtime's kind
   * @return a new builder
   */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  @Override
  public final List<Metric> describe() {
    return metrics;
  }

  @Override
  public final Set<Metric> notApplicable() {
    return notApplicable;
  }

  @Override
  public final Map<String, Long> snapshot() {
    Map<String, Long> values = new LinkedHashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      values.put(metrics.get(i).name(), readers.get(i).getAsLong());
    }
    return values;
  }

  @Override
  public final OptionalLong value(String name) {
    Integer position = index.get(name);
    return position == null
        ? OptionalLong.empty()
        : OptionalLong.of(readers.get(position).getAsLong());
  }

  @Override
  public final int workers() {
    return (int) read(Metric.WORKERS);
  }

  @Override
  public final long aliveTasks() {
    return read(Metric.TASKS_ALIVE);
  }

  @Override
  public final long spawnedTasks() {
    return read(Metric.TASKS_SPAWNED);
  }

  @Override
  public final long polls() {
    return read(Metric.POLLS);
  }

  @Override
  public final long unjoinedFailures() {
    return read(Metric.UNJOINED_FAILURES);
  }

  private long read(Metric metric) {
    return value(metric.name()).orElse(0);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + snapshot();
  }

  /** The rows of a {@link MetricTable}, in the order they are added. */
  public static final class Builder {
    private final String kind;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<LongSupplier> readers = new ArrayList<>();
    private final Set<Metric> notApplicable = new LinkedHashSet<>();

    private Builder(String kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Adds a metric and the function that reads it (on the reading thread, without blocking the
     * runtime).
     *
     * @param metric a shared metric or an extra named {@code kind + "."}
     * @param reader reads the current value
     * @return this builder
     * @throws IllegalArgumentException if a metric of that name is already added or declared not
     *     applicable
     */
    public Builder add(Metric metric, LongSupplier reader) {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(reader, "reader");
      for (Metric added : metrics) {
        if (added.name().equals(metric.name())) {
          throw new IllegalArgumentException("metric " + metric.name() + " is added twice");
        }
      }
      if (notApplicable.contains(metric)) {
        throw new IllegalArgumentException(
            "metric " + metric.name() + " is declared not applicable");
      }
      metrics.add(metric);
      readers.add(reader);
      return this;
    }

    /**
     * Declares shared metrics that do not apply to this runtime.
     *
     * @param shared shared metrics this runtime does not report
     * @return this builder
     * @throws IllegalArgumentException if one is not a shared metric, or is added
     */
    public Builder notApplicable(Metric... shared) {
      for (Metric metric : shared) {
        if (!metric.isShared() || metrics.contains(metric)) {
          throw new IllegalArgumentException(
              "metric " + metric.name() + " is not a shared metric this table leaves out");
        }
        notApplicable.add(metric);
      }
      return this;
    }

    private void checkComplete() {
      for (Metric metric : Metric.shared()) {
        if (!metrics.contains(metric) && !notApplicable.contains(metric)) {
          throw new IllegalStateException(
              "shared metric "
                  + metric.name()
                  + " is neither reported nor declared not applicable by "
                  + kind);
        }
      }
      for (Metric metric : metrics) {
        if (!metric.isShared() && !metric.name().startsWith(kind + ".")) {
          throw new IllegalStateException(
              "extra metric " + metric.name() + " of " + kind + " must start with " + kind + ".");
        }
      }
    }
  }
}
