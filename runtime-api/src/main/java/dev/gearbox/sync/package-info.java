/**
 * Async sync primitives that work on every runtime. Each waits by registering its caller's waker,
 * never by blocking a thread, and wakes other tasks only after releasing any lock it holds.
 *
 * <ul>
 *   <li>{@link dev.gearbox.sync.Oneshot}: one value from one sender to one receiver; lock-free, one
 *       state word.
 *   <li>{@link dev.gearbox.sync.Channel}: a bounded multi-producer, single-consumer channel with
 *       FIFO back-pressure on senders; a lock-guarded ring and an intrusive list of waiting
 *       senders.
 * </ul>
 *
 * <p>Conventions shared by the channels: messages are never null, so {@code null} means "none"
 * ({@code tryReceive} with nothing buffered, a receive at the end of the stream); an operation that
 * can never succeed because an end closed throws {@link dev.gearbox.sync.ChannelClosedException};
 * and they are cancellation-safe: a send future dropped before it completed delivered nothing, and
 * a dropped receive future lost no message.
 */
package dev.gearbox.sync;
