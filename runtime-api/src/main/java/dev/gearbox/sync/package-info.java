/**
 * Async sync primitives that work on every runtime. Each waits by registering its caller's waker,
 * never by blocking a thread, and wakes other tasks only after releasing any lock it holds.
 *
 * <ul>
 *   <li>{@link dev.gearbox.sync.Oneshot}: one value from one sender to one receiver; lock-free, one
 *       state word.
 *   <li>{@link dev.gearbox.sync.Channel}: multi-producer, single-consumer channels, {@linkplain
 *       dev.gearbox.sync.Channel#bounded(int) bounded} (FIFO back-pressure on senders, a
 *       lock-guarded ring) and {@linkplain dev.gearbox.sync.Channel#unbounded() unbounded}
 *       (lock-free, on JCTools' Unsafe-free MPSC queue).
 *   <li>{@link dev.gearbox.sync.Broadcast}: every receiver sees every message; a lagging receiver
 *       gets a {@link dev.gearbox.sync.LaggedException} with the count it missed.
 *   <li>{@link dev.gearbox.sync.Watch}: the latest value, and notification of its changes.
 *   <li>{@link dev.gearbox.sync.Semaphore}, and on it {@link dev.gearbox.sync.Mutex} and {@link
 *       dev.gearbox.sync.RwLock}: FIFO, lock-free when uncontended; guards and permits are {@code
 *       AutoCloseable}.
 *   <li>{@link dev.gearbox.sync.Notify}, {@link dev.gearbox.sync.Barrier}, {@link
 *       dev.gearbox.sync.CountDownLatch}, {@link dev.gearbox.sync.CancellationToken}: signals.
 *   <li>{@link dev.gearbox.sync.JoinSet}: many spawned tasks, joined as they finish, aborted on
 *       close.
 * </ul>
 *
 * <p>Conventions shared by the primitives:
 *
 * <ul>
 *   <li>Messages are never null, so {@code null} means "none" ({@code tryReceive} with nothing
 *       buffered, a receive at the end of the stream); an operation that can never succeed because
 *       an end closed throws {@link dev.gearbox.sync.ChannelClosedException} (or {@link
 *       dev.gearbox.sync.SemaphoreClosedException}).
 *   <li>Cancellation safety: a future dropped before it completed (an aborted task, a lost race, a
 *       timeout) has no effect it did not report: a dropped send delivered nothing, a dropped
 *       receive lost no message, a dropped acquire holds no permit, and a permit, lock or
 *       notification handed to a waiter that is then dropped is passed on to the next waiter.
 *   <li>Fairness is stated per type; waiters queue in FIFO order wherever there is a queue.
 *   <li>The cooperative budget: a future that could complete at once first calls {@link
 *       dev.gearbox.future.Context#proceedOrYield()}, which spends one unit and, when the budget is
 *       spent, wakes its task; the future then returns Pending, so a task looping over always-ready
 *       primitives yields to the others.
 *   <li>Waiter queues are intrusive lists of the waiting futures themselves, so waiting allocates
 *       nothing beyond the future.
 * </ul>
 */
package dev.gearbox.sync;
