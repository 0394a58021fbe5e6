package dev.gearbox.workstealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's counters for metrics: written by the worker alone, read by any thread. Each
 * increment is a plain read and an opaque write, no atomic instruction.
 */
final class WorkerCounters {
  /*
   * Implementation notes: single writer (the owning worker thread), so an increment needs no CAS;
   * opaque accesses keep each value untorn and promptly visible to readers, which see a recent,
   * not a synchronized, value. The array is private to one worker, and its counters sit PAD longs
   * (128 bytes: two cache lines, for the adjacent-line prefetcher) from either end, so no other
   * object allocated next to it (another worker's counters, say) shares a cache line with them:
   * the line is written by one core only.
   */
  static final int POLLS = 0;
  static final int STOLEN_TASKS = 1;
  static final int STEAL_OPERATIONS = 2;
  static final int PARKS = 3;
  static final int LOCAL_SCHEDULES = 4;
  static final int OVERFLOWED_TASKS = 5;
  static final int BUDGET_FORCED_YIELDS = 6;
  static final int LIFO_POLLS = 7;
  static final int SPAWNED_TASKS = 8;
  static final int COMPLETED_TASKS = 9;
  static final int SLOW_POLLS = 10;
  static final int IN_PLACE_POLLS = 11;
  private static final int COUNT = 12;
  private static final int PAD = 16;

  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] values = new long[PAD + COUNT + PAD];

  /** Adds one; owner thread only. */
  void increment(int counter) {
    add(counter, 1);
  }

  /** Adds {@code amount}; owner thread only. */
  void add(int counter, long amount) {
    VALUES.setOpaque(
        values, PAD + counter, (long) VALUES.getOpaque(values, PAD + counter) + amount);
  }

  /** A recent value. Any thread. */
  long get(int counter) {
    return (long) VALUES.getOpaque(values, PAD + counter);
  }
}
