/**
 * The {@code workstealing} runtime, Gearbox's analogue of Tokio's multi-threaded scheduler and the
 * default runtime.
 *
 * <p>Public: {@link dev.gearbox.workstealing.WorkStealingRuntimeProvider} (the service, its
 * configuration keys) and {@link dev.gearbox.workstealing.WorkStealingRuntimeBuilder} (the same
 * settings in code, plus thread hooks). Everything else is package-private:
 *
 * <ul>
 *   <li>{@code WorkerThread}: one worker's loop (Tokio's worker.rs): LIFO slot, local queue,
 *       globalQueue queue every 61 ticks, stealing, maintenance, parking;
 *   <li>{@code LocalRunQueue}: the 256-slot ring each worker owns and others steal half of (Tokio's
 *       queue.rs);
 *   <li>{@code GlobalQueue}: the global, unbounded queue (JCTools' MPSC array queue, lock-free for
 *       producers) for remote spawns and wakes and for overflow;
 *   <li>{@code Idle}: who is parked and who searches (Tokio's idle.rs);
 *   <li>{@code Parker} (the SPI's, shared with {@code minimal}): parks a worker in the timer/I-O
 *       driver or on its own thread;
 *   <li>{@code WorkStealingScheduler}: the shared state, and the TaskScheduler of every task;
 *   <li>{@code WorkStealingRuntime}: the {@code AbstractRuntime} shell; {@code blockOn} runs on the
 *       caller through {@code ParkingBlockOn}, the scheduler as its host;
 *   <li>{@code WorkerCounters}, {@code WorkStealingMetrics}; JFR events through {@code
 *       dev.gearbox.spi.jfr}.
 * </ul>
 *
 * <p>Memory-ordering conventions: VarHandles are static final constants named after their field;
 * accessor names say the ordering ({@code lv} load-acquire or volatile, {@code so} store-release,
 * {@code sp} plain store, {@code cas}). No {@code sun.misc.Unsafe}. Each subtle class states its
 * invariants, and which thread owns each field, in an implementation-notes comment.
 */
package dev.gearbox.workstealing;
