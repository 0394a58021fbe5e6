package dev.gearbox.shootout.workloads;

import java.util.List;

/**
 * The fiber workloads: yield_many, ping_pong and tcp_echo written as fibers (virtual threads
 * carried by the Gearbox runtime, {@code dev.gearbox.fiber.Fiber}), at the standard workloads'
 * sizes ({@link #full()}) and at their quick sizes ({@link #quick()}). On the virtual-thread
 * baseline each runs the standard workload's virtual-thread version, so the two rows compare fibers
 * with plain virtual threads on the JDK's scheduler.
 */
public final class FiberWorkloads {
  private FiberWorkloads() {}

  /**
   * fiber_yield_many, fiber_ping_pong and fiber_tcp_echo at the sizes of yield_many, ping_pong and
   * tcp_echo.
   *
   * @return the three fiber workloads
   */
  public static List<Workload> full() {
    return List.of(
        new FiberYieldMany(StandardWorkloads.YIELD_TASKS, StandardWorkloads.YIELDS),
        new FiberPingPong(StandardWorkloads.PING_PONG_PAIRS, StandardWorkloads.ROUND_TRIPS),
        new FiberTcpEcho(StandardWorkloads.TCP_CONNECTIONS, StandardWorkloads.TCP_MESSAGES));
  }

  /**
   * The same three at the quick sizes of their standard workloads.
   *
   * @return the quick fiber workloads, in the order of {@link #full()}
   */
  public static List<Workload> quick() {
    return List.of(
        new FiberYieldMany(StandardWorkloads.YIELD_TASKS, StandardWorkloads.YIELDS / 2),
        new FiberPingPong(StandardWorkloads.PING_PONG_PAIRS / 2, StandardWorkloads.ROUND_TRIPS),
        new FiberTcpEcho(StandardWorkloads.TCP_CONNECTIONS, StandardWorkloads.QUICK_TCP_MESSAGES));
  }
}
