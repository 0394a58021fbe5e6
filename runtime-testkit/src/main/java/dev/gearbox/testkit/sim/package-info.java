/**
 * Deterministic simulation: the {@code simulated} runtime ({@link
 * dev.gearbox.testkit.sim.SimulatedRuntime}), its network ({@link
 * dev.gearbox.testkit.sim.SimNetwork}), and {@link dev.gearbox.testkit.sim.Simulation}, which runs
 * a scenario under many seeds.
 *
 * <h2>Design</h2>
 *
 * <p>After madsim, turmoil and Cats Effect's TestControl: everything a scenario does happens on one
 * thread, in an order chosen by a {@link java.util.SplittableRandom} seeded once, so a seed is a
 * complete description of a run. The loop ({@code SimScheduler}) picks a random ready task, polls
 * it once, and repeats; when no task is ready it fires due timers (the shared {@link
 * dev.gearbox.spi.RuntimeDriver} wheel on a {@link dev.gearbox.time.PausedClock}) and network
 * deliveries, or jumps the clock to the earliest one. When nothing is pending and a {@code blockOn}
 * waits, it is deadlocked: after a short real-time grace for wakes from other threads, the {@code
 * blockOn} fails with a {@link dev.gearbox.testkit.sim.DeadlockException} listing the waiting
 * tasks.
 *
 * <p>Tasks are the shared {@link dev.gearbox.spi.RawTask} (a subclass that adds a spawn-order
 * number, a name, the spawn site found by a {@link java.lang.StackWalker}, and the host), so the
 * simulation exercises the same state machine as the real runtimes.
 *
 * <p>The network is reached through {@link dev.gearbox.io.driver.Network}: the sockets of {@code
 * dev.gearbox.io} ask the current runtime for its network, so code under test uses the same {@code
 * TcpListener}, {@code TcpStream} and {@code UdpSocket} as in production. Every delivery is an
 * event at a virtual time on the loop thread; socket state is confined to that thread.
 */
package dev.gearbox.testkit.sim;
