package dev.gearbox.testkit.sim;

import dev.gearbox.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The settings and state of one direction between two hosts of a {@link SimNetwork}, or the
 * network's defaults. A setting left unset ({@code null}) on a link follows the defaults; the
 * defaults have every setting. Every random draw comes from the simulation's seeded generator, and
 * a draw is made only for a setting that is not zero, so a run that does not use a setting draws
 * the same numbers as before it existed. Loop thread only.
 */
final class SimLink {
  Long latencyNanos;
  Long jitterNanos;
  Double loss;
  Double reorder;
  Double duplicate;

  /** Partitioned: datagrams are dropped, TCP deliveries wait in {@link #held}. */
  boolean partitioned;

  /** The time of the last in-order delivery scheduled on this link: later ones never precede it. */
  long lastDeliveryNanos;

  /** The TCP deliveries held by a partition, in the order they were sent. */
  final List<Runnable> held = new ArrayList<>();

  /** The defaults of a network: 1 ms of latency, no jitter, loss, reordering or duplication. */
  static SimLink defaults() {
    SimLink defaults = new SimLink();
    defaults.latencyNanos = Duration.ofMillis(1).toNanos();
    defaults.jitterNanos = 0L;
    defaults.loss = 0.0;
    defaults.reorder = 0.0;
    defaults.duplicate = 0.0;
    return defaults;
  }

  /**
   * The one-way delay of one delivery: the latency plus a uniform draw from 0 to the jitter, both
   * inclusive; saturated instead of overflowing.
   */
  long drawDelay(SimLink defaults, SplittableRandom random) {
    long latency = latencyNanos != null ? latencyNanos : defaults.latencyNanos;
    long jitter = jitterNanos != null ? jitterNanos : defaults.jitterNanos;
    if (jitter == 0) {
      return latency;
    }
    long extra = jitter == Long.MAX_VALUE ? random.nextLong() >>> 1 : random.nextLong(jitter + 1);
    return Clock.deadlineAfter(latency, extra);
  }

  /** Whether this datagram is lost. */
  boolean drawLoss(SimLink defaults, SplittableRandom random) {
    return chance(loss != null ? loss : defaults.loss, random);
  }

  /** Whether this datagram is held back out of the link's order. */
  boolean drawReorder(SimLink defaults, SplittableRandom random) {
    return chance(reorder != null ? reorder : defaults.reorder, random);
  }

  /** Whether this datagram is delivered twice. */
  boolean drawDuplicate(SimLink defaults, SplittableRandom random) {
    return chance(duplicate != null ? duplicate : defaults.duplicate, random);
  }

  private static boolean chance(double probability, SplittableRandom random) {
    return probability > 0 && random.nextDouble() < probability;
  }

  /**
   * A latency or jitter as nanoseconds, refusing what is not allowed.
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  static long checkDelay(String what, Duration delay) {
    Objects.requireNonNull(delay, what);
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          what + " " + delay + " is not allowed: expected zero or more");
    }
    try {
      return delay.toNanos();
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException(
          what
              + " "
              + delay
              + " is not allowed: expected at most "
              + Duration.ofNanos(Long.MAX_VALUE),
          tooLong);
    }
  }

  /**
   * A probability, refusing what is not allowed.
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  static double checkProbability(String what, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          what + " probability " + probability + " is not allowed: expected 0 to 1");
    }
    return probability;
  }
}
