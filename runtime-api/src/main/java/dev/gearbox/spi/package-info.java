/**
 * What runtime implementations build on, written once for all of them: the task state machine
 * ({@link dev.gearbox.spi.RawTask}) that is also each task's waker and join handle, the set of
 * alive tasks for shutdown ({@link dev.gearbox.spi.OwnedTasks}), the blocking pool, the
 * current-runtime thread marker, and the {@link dev.gearbox.spi.RuntimeProvider} service a runtime
 * module provides.
 *
 * <p>A runtime supplies a {@link dev.gearbox.spi.TaskScheduler} (where woken tasks go) and its
 * queues and threads; everything about when a task is queued, polled again or completed is decided
 * by {@code RawTask}.
 */
package dev.gearbox.spi;
