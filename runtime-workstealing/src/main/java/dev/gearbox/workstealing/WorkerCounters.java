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
   * not a synchronized, value. The array is private to one worker, so its cache line is written by
   * one core only.
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
  private static final int COUNT = 10;

  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] values = new long[COUNT];

  /** Adds one; owner thread only. */
  void increment(int counter) {
    add(counter, 1);
  }

  /** Adds {@code amount}; owner thread only. */
  void add(int counter, long amount) {
    VALUES.setOpaque(values, counter, (long) VALUES.getOpaque(values, counter) + amount);
  }

  /** A recent value. Any thread. */
  long get(int counter) {
    return (long) VALUES.getOpaque(values, counter);
  }
}
