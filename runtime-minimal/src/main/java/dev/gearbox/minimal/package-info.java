/**
 * The {@code minimal} runtime, Gearbox's analogue of smol: executors with no threads of their own.
 *
 * <p>{@link dev.gearbox.minimal.SharedExecutor} is smol's {@code async-executor}: any number of
 * threads run it by calling {@code run(future)}, which runs tasks until that future completes. Each
 * runner has a bounded local queue ({@code SpmcLocalQueue}, single producer, stolen from by the
 * others; when full it sends the pushed task to the global queue); all share an unbounded global
 * queue ({@code MpmcGlobalQueue}); both queues are the shared ones of {@code
 * dev.gearbox.spi.sched}, as in {@code runtime-multithread}; idle runners park and are woken one at
 * a time ({@code Idle}), so an idle executor uses no CPU. {@link dev.gearbox.minimal.LocalExecutor}
 * is the thread-confined variant for futures that are not thread-safe.
 *
 * <p>{@link dev.gearbox.minimal.MinimalRuntimeProvider} makes the {@code minimal} kind of {@link
 * dev.gearbox.runtime.Runtime}: an executor run by the callers of {@code blockOn} and by {@code
 * gearbox.workers} runner threads started at the first spawn, plus the shared blocking pool.
 *
 * <p>Queues and the sleep protocol are package-private; every queue comes from JCTools' {@code
 * atomic} package or the JDK, never from {@code sun.misc.Unsafe}. Each subtle class states its
 * invariants and which thread owns each field in an implementation-notes comment.
 */
package dev.gearbox.minimal;
