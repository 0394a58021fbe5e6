/**
 * JMH benchmarks of Gearbox's sync primitives: channel throughput with one, four and eight
 * producers on every runtime kind ({@link dev.gearbox.benchmarks.RuntimeKindState}), and {@code
 * Mutex} and {@code Semaphore} under contention on the minimal runtime. Build and run with the
 * commands in {@code docs/benchmarks.md}; results belong in benchmark output and decision records,
 * not here.
 */
package dev.gearbox.benchmarks;
