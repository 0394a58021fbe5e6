/**
 * The {@code embedded} runtime, Gearbox's analogue of Embassy: cooperative executors with fixed
 * task pools and no allocation in steady state.
 *
 * <p>{@link dev.gearbox.embedded.EmbeddedExecutor} runs on one thread. Its run queue is intrusive
 * (tasks link through their own fields, {@code RunQueue}, after Embassy's {@code
 * run_queue_atomics}): a wake from another thread pushes the task with one CAS and signals the
 * executor only if the queue was empty, a wake of a runtime task on the executor thread appends it
 * to a plain list of the executor's own; the executor takes the whole queue and polls each task
 * once per batch. Its timer queue is intrusive too ({@code TimerQueue}: each waiting task is linked
 * once, with its earliest deadline), and the idle step parks until the earliest deadline or a wake.
 *
 * <p>Tasks come from {@link dev.gearbox.embedded.TaskPool}s declared up front, whose slots ({@code
 * PoolSlot}: state word, links, and a reused {@link dev.gearbox.embedded.TaskBody}) are reused
 * spawn after spawn. Time is counted in ticks ({@link dev.gearbox.embedded.Ticks}) from a {@link
 * dev.gearbox.embedded.TimeDriver}. The primitives ({@link dev.gearbox.embedded.FixedChannel},
 * {@link dev.gearbox.embedded.Signal}, {@link dev.gearbox.embedded.FixedWatch}, {@link
 * dev.gearbox.embedded.PubSub}, {@link dev.gearbox.embedded.FixedPipe}, {@link
 * dev.gearbox.embedded.FixedMutex}) keep fixed-size buffers and fixed-size waker sets ({@code
 * WakerSet}), and offer {@code poll*} methods that allocate nothing.
 *
 * <p>{@link dev.gearbox.embedded.EmbeddedRuntimeProvider} makes the {@code embedded} kind of {@link
 * dev.gearbox.runtime.Runtime}: one executor thread that waits in the runtime's {@code
 * RuntimeDriver} (timer wheel and I/O selector) when idle, a task count bounded by {@code
 * gearbox.embedded.poolSize}, and the shared blocking pool.
 */
package dev.gearbox.embedded;
