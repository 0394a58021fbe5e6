/**
 * What runtime implementations build on, written once for all of them: the task state machine
 * ({@link dev.gearbox.spi.RawTask}) that is also each task's waker and join handle, the set of
 * alive tasks for shutdown ({@link dev.gearbox.spi.OwnedTasks}), the blocking pool, the runtime's
 * driver ({@link dev.gearbox.spi.RuntimeDriver}: timers and I/O), and fibers' carrier. The service
 * a runtime module provides, {@link dev.gearbox.runtime.RuntimeProvider}, and the current-runtime
 * thread marker, {@link dev.gearbox.runtime.CurrentRuntime}, live one layer down in {@code
 * dev.gearbox.runtime}, where {@code Runtimes} and {@code Runtime.current()} need them: this
 * package builds on {@code runtime}, never the reverse.
 *
 * <p>A runtime supplies a {@link dev.gearbox.spi.TaskScheduler} (where woken tasks go) and its
 * queues and threads; everything about when a task is queued, polled again or completed is decided
 * by {@code RawTask}.
 *
 * <p>A runtime's {@code Runtime} class extends {@link dev.gearbox.spi.AbstractRuntime}, which holds
 * what every runtime's shell shares (kind, clock, blocking pool, the guards of spawn, blockOn and
 * spawnBlocking, the once-only shutdown and the waits for its threads) and leaves template hooks
 * for the rest. A runtime whose {@code blockOn} polls the future on the caller's thread while its
 * workers run elsewhere uses {@link dev.gearbox.spi.ParkingBlockOn}, its scheduler implementing
 * {@link dev.gearbox.spi.ParkingBlockOn.Host}.
 */
package dev.gearbox.spi;
