package dev.gearbox.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures what the calling thread allocates, for tests that bound the memory of an operation (such
 * as a task dump of many tasks): the JVM's per-thread allocation counter ({@code
 * com.sun.management.ThreadMXBean}), exact to the byte and blind to other threads and to garbage
 * collection.
 */
public final class ThreadAllocation {
  private ThreadAllocation() {}

  /**
   * Runs {@code action} twice and returns the bytes the calling thread allocated during the second
   * run; the first, unmeasured, links lambdas and loads classes the path uses for the first time.
   * Returns -1 (after one run) where the JVM does not count allocations per thread.
   *
   * @param action what to measure; runs on the calling thread
   * @return the bytes allocated, or -1
   */
  public static long during(Runnable action) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!(threads instanceof com.sun.management.ThreadMXBean counting)
        || !counting.isThreadAllocatedMemorySupported()) {
      action.run();
      return -1;
    }
    if (!counting.isThreadAllocatedMemoryEnabled()) {
      counting.setThreadAllocatedMemoryEnabled(true);
    }
    action.run();
    long before = counting.getCurrentThreadAllocatedBytes();
    action.run();
    return counting.getCurrentThreadAllocatedBytes() - before;
  }
}
