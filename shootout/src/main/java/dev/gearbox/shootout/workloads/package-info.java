/**
 * {@link dev.gearbox.shootout.workloads.Workload}, the type every workload implements (a user's
 * too), and the standard workloads of docs/workloads.md, each written once for every Gearbox
 * runtime (against the {@code Runtime} API only) and once for each JDK baseline (a ForkJoinPool
 * with {@code CompletableFuture} continuations, virtual threads with blocking joins and queues).
 * Each checks its own result. The fiber workloads ({@link
 * dev.gearbox.shootout.workloads.FiberWorkloads}) write yield_many, ping_pong and tcp_echo again as
 * fibers, beside the same virtual-thread versions. The shoot-out and the JMH benchmarks (module
 * {@code benchmarks}) both run these classes, so the two always measure the same code.
 *
 * <p>This package depends on nothing else of the shoot-out: the shoot-out ({@code
 * dev.gearbox.shootout}) names the catalogues here, never the other way, so the two packages form
 * no cycle (the verification module's layering test checks it).
 */
package dev.gearbox.shootout.workloads;
