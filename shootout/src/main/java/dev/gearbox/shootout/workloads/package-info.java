/**
 * The standard workloads of docs/workloads.md, each written once for every Gearbox runtime (against
 * the {@code Runtime} API only) and once for each JDK baseline (a ForkJoinPool with {@code
 * CompletableFuture} continuations, virtual threads with blocking joins and queues). Each checks
 * its own result. The shoot-out and the JMH benchmarks (module {@code benchmarks}) both run these
 * classes, so the two always measure the same code.
 */
package dev.gearbox.shootout.workloads;
