package dev.gearbox.shootout;

import dev.gearbox.shootout.workloads.Workload;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one contestant measured on one workload: the wall time of each timed run, in nanoseconds, or
 * why there is none ({@link Outcome#NOT_AVAILABLE}, {@link Outcome#FAILED}).
 *
 * @param workload the workload's name
 * @param unit its unit
 * @param unitsPerRun units of work per run
 * @param contestant the contestant's name
 * @param threads the contestant's threads, in words
 * @param outcome measured, not available or failed
 * @param samples the timed runs' wall times, sorted, empty unless measured
 * @param failure what went wrong, empty unless failed
 */
record Measurement(
    String workload,
    String unit,
    long unitsPerRun,
    String contestant,
    String threads,
    Outcome outcome,
    long[] samples,
    String failure) {

  /** Whether there are samples. */
  enum Outcome {
    MEASURED,
    NOT_AVAILABLE,
    FAILED
  }

  Measurement {
    Objects.requireNonNull(outcome, "outcome");
    samples = samples.clone();
    Arrays.sort(samples);
    if ((outcome == Outcome.MEASURED) != (samples.length > 0)) {
      throw new IllegalArgumentException(
          outcome + " with " + samples.length + " samples: a measurement has samples, others none");
    }
  }

  static Measurement measured(Workload workload, Contestant contestant, long[] samples) {
    return new Measurement(
        workload.name(),
        workload.unit(),
        workload.unitsPerRun(),
        contestant.name(),
        contestant.threads(),
        Outcome.MEASURED,
        samples,
        "");
  }

  static Measurement without(
      Workload workload, Contestant contestant, Outcome outcome, String failure) {
    return new Measurement(
        workload.name(),
        workload.unit(),
        workload.unitsPerRun(),
        contestant.name(),
        contestant.threads(),
        outcome,
        new long[0],
        failure);
  }

  /**
   * This cell and the same cell of another JVM as one: the timed runs of both; failed if either
   * failed (this one's reason first).
   *
   * @throws IllegalArgumentException if {@code other} is another cell
   */
  Measurement pooledWith(Measurement other) {
    if (!workload.equals(other.workload) || !contestant.equals(other.contestant)) {
      throw new IllegalArgumentException("cannot pool " + this + " with " + other);
    }
    if (outcome == Outcome.FAILED || other.outcome == Outcome.NOT_AVAILABLE) {
      return this;
    }
    if (other.outcome == Outcome.FAILED || outcome == Outcome.NOT_AVAILABLE) {
      return other;
    }
    long[] both = Arrays.copyOf(samples, samples.length + other.samples.length);
    System.arraycopy(other.samples, 0, both, samples.length, other.samples.length);
    return new Measurement(
        workload, unit, unitsPerRun, contestant, threads, outcome, both, failure);
  }

  boolean measured() {
    return outcome == Outcome.MEASURED;
  }

  @Override
  public long[] samples() {
    return samples.clone();
  }

  /** The median wall time of a run; for an even count, the mean of the two middle ones. */
  double medianNanos() {
    return median(samples);
  }

  long minNanos() {
    return samples[0];
  }

  long maxNanos() {
    return samples[samples.length - 1];
  }

  /** The median cost of one unit of work, in nanoseconds. */
  double nanosPerUnit() {
    return medianNanos() / unitsPerRun;
  }

  /** Units of work per second at the median. */
  double unitsPerSecond() {
    return unitsPerRun * 1e9 / medianNanos();
  }

  /**
   * The median of sorted values.
   *
   * @throws IllegalArgumentException if there are none
   */
  static double median(long[] sorted) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("the median of no samples");
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1
        ? sorted[middle]
        : (sorted[middle - 1] + (double) sorted[middle]) / 2;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Measurement that
        && workload.equals(that.workload)
        && contestant.equals(that.contestant)
        && outcome == that.outcome
        && Arrays.equals(samples, that.samples)
        && failure.equals(that.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(workload, contestant, outcome, Arrays.hashCode(samples), failure);
  }

  @Override
  public String toString() {
    return workload + " on " + contestant + ": " + outcome + " " + Arrays.toString(samples);
  }
}
