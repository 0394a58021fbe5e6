/**
 * Scheduler parts that several runtimes share, written once: the cooperative budget ({@link
 * dev.gearbox.spi.sched.CoopBudget}), the fairness and event intervals ({@link
 * dev.gearbox.spi.sched.Fairness}), the lock-free MPMC global queue ({@link
 * dev.gearbox.spi.sched.MpmcGlobalQueue}), the SPMC local run queue ({@link
 * dev.gearbox.spi.sched.SpmcLocalQueue}), the LIFO slot's rule ({@link
 * dev.gearbox.spi.sched.LifoSlot}) and the parker of a thread that may wait in the driver ({@link
 * dev.gearbox.spi.sched.Parker}). Each runtime module keeps only its policy: when it looks at the
 * global queue, what a full local queue spills, how much it takes from the global queue, how its
 * idle set wakes workers.
 *
 * <p>Naming: one name per concept in every runtime, Tokio's where it fits. A local queue's
 * operations are {@code pushBackOrOverflow}, {@code pop}, {@code len}, {@code remainingSlots} and
 * {@code stealInto} (the victim's queue steals into the thief's); a refill from the global queue is
 * the global queue's {@code popBatch}. {@code runtime-workstealing}'s own ring (Tokio's {@code
 * queue.rs}, a different algorithm) uses the same names. Worker threads are {@code WorkerThread},
 * their padded subclasses {@code PaddedWorkerThread}; idle sets are {@code Idle}.
 *
 * <p>Exported only to the runtime modules (a qualified export). The package depends on the JDK and
 * JCTools' {@code atomic} queues only, so the rest of the SPI may use it: the driver the parker
 * waits in is seen through {@link dev.gearbox.spi.sched.Parker.Driver}, which the SPI's {@code
 * RuntimeDriver} implements.
 *
 * <p>What is not here, and why: a worker's LIFO slot and budget counter are fields of the worker
 * thread object itself, since a field written at every poll must not live in an object the
 * collector places beside others (see the padded workers of {@code runtime-workstealing} and {@code
 * runtime-multithread}); and the padding itself must be declared by the most derived class, since
 * the JVM lays out a subclass's fields after its superclass's. The idle sets differ in protocol
 * (docs/runtimes.md says how and why), so each runtime keeps its own, under one name, {@code Idle}.
 */
package dev.gearbox.spi.sched;
