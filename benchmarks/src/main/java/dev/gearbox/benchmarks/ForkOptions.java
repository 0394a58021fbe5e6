package dev.gearbox.benchmarks;

/**
 * JVM options every benchmark fork runs with: a fixed heap, touched in full at start-up; and, in
 * forks that run fibers, the opening that lets Gearbox runtimes carry them ({@link #FIBER_OPENS}).
 *
 * <p>Every workload allocates its tasks, and skynet keeps a million of them alive at once. A heap
 * that grows during a run hands out memory the process has never touched, and on a virtual machine
 * the first touch of each page is a fault served by the kernel and the host: the run then measures
 * those faults, in phases that come and go with the collector's sizing, as much as the scheduler. A
 * fixed heap touched once before the first iteration ({@code -XX:+AlwaysPreTouch}, well under a
 * second for 2 GiB) takes that cost out of every runtime and baseline alike.
 */
public final class ForkOptions {
  /** The initial heap: the maximum, so the heap never grows. */
  public static final String HEAP_MIN = "-Xms2g";

  /** The maximum heap: ten times skynet's peak of live tasks. */
  public static final String HEAP_MAX = "-Xmx2g";

  /** Touches the whole heap at start-up, so no page is first touched while measuring. */
  public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

  /**
   * Lets Gearbox runtimes carry fibers: the JDK's hook for a virtual thread's scheduler is not
   * public. The benchmarks jar runs on the class path, hence {@code ALL-UNNAMED}. Without it fibers
   * fall back to the JDK's virtual-thread scheduler, and a fiber benchmark measures that instead
   * (its fork prints which carrier it has).
   */
  public static final String FIBER_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

  /** With {@link #FIBER_OPENS}: lets a fiber poll what it awaits pinned to its worker. */
  public static final String FIBER_EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

  private ForkOptions() {}
}
