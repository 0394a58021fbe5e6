/**
 * The {@code multithread} runtime, Gearbox's analogue of async-std, with the adaptive scheduler
 * async-std announced and never shipped: a task that blocks its worker does not stall the others.
 *
 * <p>Public: {@link dev.gearbox.multithread.MultithreadRuntimeProvider} (the service and its
 * configuration keys) and {@link dev.gearbox.multithread.MultithreadRuntimeBuilder} (the same
 * settings in code). Everything else is package-private. The queues are the shared ones of {@code
 * dev.gearbox.spi.sched}; what is this runtime's is their policy:
 *
 * <ul>
 *   <li>the global queue ({@code MpmcGlobalQueue}): the one unbounded MPMC run queue that every
 *       outside spawn and wake goes to and that feeds the workers;
 *   <li>a worker's local queue ({@code SpmcLocalQueue}): a bounded queue of its yields and of the
 *       tasks its LIFO slot displaced, refilled in batches from the global queue, stolen from by
 *       idle workers; when full it gives its older half to the global queue as one batch;
 *   <li>{@code WorkerThread}: a thread that polls tasks from its LIFO slot and local queue, refills
 *       or steals, spins briefly, parks;
 *   <li>{@code Idle}: the wake-and-park protocol (no lost wake-up, one wake per push at most, none
 *       while a worker spins);
 *   <li>{@code Monitor}: every few milliseconds, replaces a worker stuck inside one poll past the
 *       blocking threshold and hands its LIFO slot and local queue to the global queue; parks while
 *       every worker does;
 *   <li>{@code WorkerSlots}: the current worker of each slot, the replaced ones still alive, and
 *       the replacement itself;
 *   <li>{@code DriverLoop}: the dedicated thread that drives timers and I/O ({@code
 *       RuntimeDriver});
 *   <li>{@code MultithreadScheduler}, {@code MultithreadRuntime} (an {@code AbstractRuntime};
 *       {@code blockOn} runs on the caller through {@code ParkingBlockOn}, the scheduler as its
 *       host), {@code MultithreadMetrics}, the JFR events through {@code dev.gearbox.spi.jfr}.
 * </ul>
 *
 * <p>Memory-ordering conventions: VarHandles are static final constants named after their field;
 * each subtle class states its invariants and which thread owns each field in an
 * implementation-notes comment. No {@code sun.misc.Unsafe}.
 */
package dev.gearbox.multithread;
